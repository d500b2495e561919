"""`quiz new`: a starter file for a code question, refusing to overwrite."""

from __future__ import annotations

import ast
from pathlib import Path

from .bank.loader import reference_dir
from .errors import UsageError
from .models import Question


def signature_stub(q: Question) -> str:
    """The reference's `def` line and docstring, read without importing it, with a NotImplementedError body."""
    assert q.reference
    module, _, name = q.reference.partition(":")
    tree = ast.parse((reference_dir() / (module.split(".", 1)[1] + ".py")).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            doc = ast.get_docstring(node) or ""
            args = ast.unparse(node.args)
            body = f'    """{doc}\n    """\n' if doc else ""
            return f"import numpy as np\n\n\ndef {q.function}({args}):\n{body}    raise NotImplementedError\n"
    raise UsageError(f"the reference of {q.id} is missing")


def reference_source(q: Question) -> str:
    """The source of the question's reference solution, read without importing it."""
    assert q.reference
    module, _, name = q.reference.partition(":")
    text = (reference_dir() / (module.split(".", 1)[1] + ".py")).read_text(encoding="utf-8")
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(text, node) or ""
    raise UsageError(f"the reference of {q.id} is missing")


def starter_text(q: Question) -> str:
    body = q.starter if q.starter else signature_stub(q)
    lines = [f"# quiz: {q.id}", f"# Check it with: quiz check {q.function}.py", "", body.rstrip(), "", ""]
    call = example_call(q)
    lines += [
        'if __name__ == "__main__":',
        "    # a tiny example: run `python thisfile.py`, then `quiz check thisfile.py`",
        f"    print({call})" if call else f"    print({q.function}.__name__, 'is ready to be implemented')",
        "",
    ]
    return "\n".join(lines)


def write_starter(q: Question, target: Path) -> Path:
    if q.kind != "code":
        raise UsageError(f"{q.id} is not a code question")
    if target.is_dir():
        target = target / f"{q.function}.py"
    if target.exists():
        raise UsageError(f"{target} already exists; not overwriting it")
    try:
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(starter_text(q))
    except OSError as exc:
        raise UsageError(f"cannot write {target} ({exc.strerror or exc})") from None
    return target


def _literal(value: object) -> str | None:
    import numpy as np

    from .grader.spec import Callback

    if isinstance(value, Callback):
        return None
    if type(value) is np.ndarray:
        if value.size > 24:
            return None
        return f"np.array({value.tolist()!r}, dtype=np.{value.dtype})"
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, tuple | list):
        items = [_literal(v) for v in value]
        if any(i is None for i in items):
            return None
        inner = ", ".join(i for i in items if i is not None)
        return f"({inner}{',' if len(items) == 1 else ''})" if isinstance(value, tuple) else f"[{inner}]"
    return repr(value)


def example_call(q: Question) -> str | None:
    """A call of the function on the question's first (small, fixed) grading case."""
    import numpy as np

    from .grader.cases import all_specs
    from .grader.check import case_seed

    assert q.function
    spec = all_specs().get(q.function)
    if spec is None:
        return None
    case = spec.cases(np.random.default_rng(case_seed(q.function)))[0]
    args = [_literal(a) for a in case.args] + [
        None if (lit := _literal(v)) is None else f"{k}={lit}" for k, v in case.kwargs.items()
    ]
    if any(a is None for a in args):
        return None
    return f"{q.function}({', '.join(a for a in args if a is not None)})"

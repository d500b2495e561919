"""`quiz new`: a starter file for a code question, refusing to overwrite."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError
from .models import Question
from .references import Sources


def signature_stub(q: Question) -> str:
    """The reference's `def` line and docstring, read without importing it, raising NotImplementedError."""
    return "import numpy as np\n\n\n" + Sources().signature(q, body="raise NotImplementedError") + "\n"


def reference_source(q: Question) -> str:
    """The reference solution and the module's helpers it calls, read without importing it."""
    return Sources().solution(q)


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

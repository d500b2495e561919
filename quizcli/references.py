"""Reading the reference solutions as text, with ``ast``, never importing them.

Used by ``quiz new`` (the signature of a starter), ``quiz check --show-solution`` (the solution and
the module's helpers it calls), the bank's cross-checks (which functions exist) and the Anki export
(which passes a memo, so a warm export parses no Python).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .bank.loader import reference_dir
from .errors import QuizError, UsageError
from .models import Question

_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


class _NoMemo:
    def get(self, kind: str, text: str, compute: Any) -> Any:
        return compute()


class Sources:
    """Reference solutions read from ``reference_impls`` with ``ast`` (without importing them).

    Each module's function index (line span, arguments, docstring) is memoised by the hash of
    the module's text, so a warm export does not parse Python at all.
    """

    def __init__(self, memo: Any = None, root: Path | None = None, error: type[QuizError] = UsageError) -> None:
        self.memo = memo or _NoMemo()
        self.root = root
        self.error = error
        self._texts: dict[str, tuple[str, str]] = {}
        self._modules: dict[str, tuple[list[str], dict[str, Any]]] = {}

    def _file(self, module: str) -> Path:
        return (self.root or reference_dir()) / (module.split(".", 1)[1] + ".py")

    def _unreadable(self, module: str, qid: str, exc: Exception) -> QuizError:
        return self.error(f"cannot read the reference solution of {qid} in {self._file(module)} ({exc})")

    def _text(self, module: str, qid: str) -> tuple[str, str]:
        """The module's text and its hash."""
        if module not in self._texts:
            try:
                text = self._file(module).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise self._unreadable(module, qid, exc) from None
            self._texts[module] = (text, hashlib.sha256(text.encode()).hexdigest())
        return self._texts[module]

    def digest(self, q: Question) -> str:
        """The hash of the module that holds the reference solution of a code question."""
        assert q.reference
        return self._text(q.reference.partition(":")[0], q.id)[1]

    def _module(self, module: str, qid: str) -> tuple[list[str], dict[str, Any]]:
        if module not in self._modules:
            text = self._text(module, qid)[0]
            try:
                index = json.loads(self.memo.get("ast1", text, lambda: json.dumps(_index(text))))
            except SyntaxError as exc:
                raise self._unreadable(module, qid, exc) from None
            self._modules[module] = (text.splitlines(), index)
        return self._modules[module]

    def _function(self, q: Question) -> tuple[list[str], dict[str, Any], str]:
        assert q.reference
        module, _, name = q.reference.partition(":")
        lines, index = self._module(module, q.id)
        if name not in index:
            raise self.error(f"the reference solution {q.reference!r} of {q.id} does not exist")
        return lines, index, name

    def solution(self, q: Question) -> str:
        """The reference function's source, followed by the module's helpers it calls."""
        lines, index, name = self._function(q)
        order = [name]
        parts: list[str] = []
        while len(parts) < len(order):  # then the helpers it calls, transitively
            start, end = index[order[len(parts)]][:2]
            source = "\n".join(lines[start - 1 : end])
            parts.append(source)
            for called in _CALL.findall(source):
                if called in index and called not in order:
                    order.append(called)
        return "\n\n\n".join(parts)

    def signature(self, q: Question, body: str = "...") -> str:
        """The reference's ``def`` line and docstring with ``body``, for code questions without a starter."""
        _, index, name = self._function(q)
        args, doc = index[name][2:]
        docstring = f'    """{doc}\n    """\n' if doc else ""
        return f"def {q.function}({args}):\n{docstring}    {body}"

    def functions(self, module: str) -> set[str]:
        """Top-level function names of a reference module (empty when it cannot be read)."""
        try:
            return set(self._module(module, module)[1])
        except QuizError:
            return set()


def _index(text: str) -> dict[str, list[Any]]:
    """name -> [first line (decorators included), last line, arguments, docstring] of top-level functions."""
    out: dict[str, list[Any]] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef):
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            out[node.name] = [start, node.end_lineno, ast.unparse(node.args), ast.get_docstring(node) or ""]
    return out

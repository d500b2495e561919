"""``quiz check``: find the question an answer file is for, grade it, explain the result.

:func:`identify` reads the file as text only (it never runs it). :func:`grade`
starts the sandboxed child first, so that its NumPy import overlaps with the
parent's own work (building cases, running the reference), then turns the raw
values the child sent into a :class:`Report`. Everything wrong with the answer is
data in the report; only an unreadable file or an unknown question raises.
"""

from __future__ import annotations

import ast
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bank.loader import Bank
from ..errors import AnswerFileError, UsageError
from ..models import Question

MAX_ANSWER_BYTES = 1024 * 1024
_QUIZ_LINE = re.compile(r"^#\s*quiz:\s*(\S+)", re.M)
_TOP_DEF = re.compile(r"^def\s+([A-Za-z_]\w*)\s*\(", re.M)


@dataclass
class CaseReport:
    name: str
    status: str  # pass | fail | error | timeout
    message: str = ""
    inputs: str = ""
    expected: str = ""
    got: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Report:
    question: Question
    verdict: str
    cases: list[CaseReport]
    hint: dict[str, str] | None = None
    hint_key: str | None = None
    output: str = ""
    output_truncated: bool = False
    seconds: float = 0.0
    repro: list[str] = field(default_factory=list)
    repro_file: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(c.status == "pass" for c in self.cases)

    @property
    def total(self) -> int:
        return len(self.cases)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "schema": 1,
            "question": self.question.id,
            "function": self.question.function,
            "verdict": self.verdict,
            "passed": self.passed,
            "total": self.total,
            "cases": [{"name": c.name, "status": c.status, "message": c.message} for c in self.cases],
            "hint": self.hint[lang] if self.hint else None,
        }


def read_answer(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise AnswerFileError(f"{path} is a directory, not a Python file")
        size = path.stat().st_size
        if size > MAX_ANSWER_BYTES:
            raise AnswerFileError(f"{path} is {size // 1024} KiB; an answer file must be under 1 MiB")
        return path.read_bytes()
    except FileNotFoundError:
        raise AnswerFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise AnswerFileError(f"cannot read {path} ({exc.strerror or exc})") from None


def identify(path: Path, source: bytes, bank: Bank, question: str | None = None) -> Question:
    """The code question FILE answers: --question, a `# quiz: ID` line, or the one catalogue def."""
    if question:
        q = bank.questions.get(question) or bank.by_function(question)
        if q is None:
            raise UsageError(f"there is no question or function {question!r} (see `quiz list --kind code`)")
        if q.kind != "code":
            raise UsageError(f"{q.id} is a {q.kind} question, not a code question")
        return q
    text = source.decode("utf-8", errors="replace")
    m = _QUIZ_LINE.search(text)
    if m:
        qid = m.group(1)
        q = bank.questions.get(qid) or bank.by_function(qid)
        if q is None or q.kind != "code":
            raise AnswerFileError(
                f"{path} names question {qid!r} in its `# quiz:` line, but there is no such code question"
            )
        return q
    found = []
    for name in dict.fromkeys(_TOP_DEF.findall(text)):
        q = bank.by_function(name)
        if q is not None:
            found.append(q)
    if len(found) == 1:
        return found[0]
    if not found:
        raise AnswerFileError(
            f"{path} defines none of the catalogue functions; add a `# quiz: ID` line or pass --question"
        )
    names = ", ".join(q.function or "" for q in found)
    raise AnswerFileError(f"{path} defines several catalogue functions ({names}); choose one with --question")


def case_seed(function: str) -> int:
    return zlib.crc32(function.encode()) & 0x7FFFFFFF


def prestart(path: Path, source: bytes, timeout: float) -> Any:
    """Start the sandboxed child now (it imports NumPy while the parent does its own work).

    Returns None when the answer has a syntax error (nothing to run)."""
    if _syntax_error(path, source) is not None:
        return None
    from .sandbox import Child

    return Child(timeout)


def grade(
    path: Path,
    source: bytes,
    question: Question,
    timeout: float = 10.0,
    failures_dir: Path | None = None,
    child: Any = None,
) -> Report:
    """Grade ``source`` (the bytes of ``path``) as an answer to ``question``.

    ``child`` is one started by :func:`prestart` for this source, else one is started here."""
    assert question.function
    syntax = _syntax_error(path, source)
    if syntax is None and child is None:
        from .sandbox import Child

        child = Child(timeout)  # starts importing NumPy while we prepare
    import numpy as np

    from .cases import spec_for
    from .run import collect_results, run_reference

    spec = spec_for(question.function, question.reference)
    if spec is None:
        if child is not None:
            child.abort()
        raise UsageError(f"no grader is registered for {question.function!r} yet")
    cases = list(spec.cases(np.random.default_rng(case_seed(question.function))))
    if syntax is not None:
        return Report(
            question,
            "error",
            [CaseReport(c.name, "error", f"not run: {syntax}") for c in cases],
        )
    try:
        child.place("answer.py", source)
        child.send(*_request(question.function, cases))
        expected = [run_reference(spec, c) for c in cases]
        result = child.collect(len(cases))
    finally:
        child.cleanup()
    return collect_results(question, spec, cases, expected, result, path, failures_dir)


def _syntax_error(path: Path, source: bytes) -> str | None:
    try:
        ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        where = f"line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else "")
        return f"syntax error in {path.name} at {where}: {exc.msg}"
    except ValueError as exc:  # e.g. null bytes
        return f"{path.name} is not valid Python source ({exc})"
    return None


def _request(function: str, cases: list[Any]) -> tuple[dict[str, Any], list[Any]]:
    from .wire import encode_args

    arrays: list[Any] = []
    wire_cases = [
        {
            "name": c.name,
            "args": [encode_args(a, arrays) for a in c.args],
            "kwargs": {k: encode_args(v, arrays) for k, v in c.kwargs.items()},
        }
        for c in cases
    ]
    return {"function": function, "answer": "answer.py", "cases": wire_cases}, arrays

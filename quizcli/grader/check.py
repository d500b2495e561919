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
    cache_dir: Path | None = None,
) -> Report:
    """Grade ``source`` (the bytes of ``path``) as an answer to ``question``.

    ``child`` is one started by :func:`prestart` for this source, else one is started here.
    With a ``cache_dir``, the encoded request (the cases, deterministic for a question) is kept
    there, so a later check sends it before this process has even imported NumPy."""
    assert question.function
    syntax = None if child is not None else _syntax_error(path, source)  # prestart already parsed it
    if syntax is None and child is None:
        from .sandbox import Child

        child = Child(timeout)  # starts importing NumPy while we prepare
    request_file = _request_file(cache_dir, question) if cache_dir is not None and child is not None else None
    cached = _read_bytes(request_file)
    if cached is not None:
        child.place("answer.py", source)
        child.send_bytes(cached)
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
        from .sandbox import Child, encode_request

        request = encode_request(*_request(question.function, cases))
        if cached is not None and cached != request:
            # a stale or tampered cache: the child got other inputs than the ones graded; start over
            child.abort()
            child = Child(timeout)
            cached = None
        if cached is None:
            child.place("answer.py", source)
            child.send_bytes(request)
            _store_request(request_file, question, request)
        expected = [run_reference(spec, c) for c in cases]
        result = child.collect(len(cases))
    finally:
        child.cleanup()
    return collect_results(question, spec, cases, expected, result, path, failures_dir)


def _request_file(cache_dir: Path, question: Question) -> Path:
    """Keyed by everything the request depends on: the grader's and reference's sources and NumPy's version."""
    import hashlib
    from importlib.util import find_spec

    assert question.function and question.reference
    here = Path(__file__).parent
    section = question.reference.split(":", 1)[0].rpartition(".")[2]
    parts = [here / "spec.py", here / "callbacks.py", here / "wire.py", here / "cases" / f"{section}.py"]
    ref_spec = find_spec("reference_impls")
    if ref_spec and ref_spec.submodule_search_locations:
        parts.append(Path(next(iter(ref_spec.submodule_search_locations))) / f"{section}.py")
    np_spec = find_spec("numpy")
    if np_spec and np_spec.origin:
        parts.append(Path(np_spec.origin).parent / "version.py")
    digest = hashlib.sha256(f"{question.function}\0{case_seed(question.function)}".encode())
    for part in parts:
        try:
            digest.update(part.read_bytes())
        except OSError:
            digest.update(b"missing")
    return cache_dir / "requests" / f"{question.function}-{digest.hexdigest()[:24]}.bin"


def _read_bytes(file: Path | None) -> bytes | None:
    if file is None:
        return None
    try:
        return file.read_bytes()
    except OSError:
        return None


def _store_request(file: Path | None, question: Question, request: bytes) -> None:
    """Best effort; an unwritable cache only costs speed."""
    if file is None:
        return
    import os
    import tempfile

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        for old in file.parent.glob(f"{question.function}-*.bin"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(request)
        os.replace(tmp, file)
    except OSError:
        pass


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

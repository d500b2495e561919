"""Finding, loading, checking and caching question banks.

The built-in bank ships inside the package (``quizcli._questions``, which is the
repository's ``questions/`` folder); user banks live in ``<data>/bank`` and in every
directory of ``QUIZ_BANK``. All load through :func:`load_file` and the same schema.
A parsed bank is cached as JSON in the cache directory, keyed by a hash of every
file's path and bytes, so a warm start neither parses YAML nor validates.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BankError, UsageError
from ..models import LETTERS, Question
from ..paths import Paths

CACHE_VERSION = 2
SKIP_FILES = {"seed_sections.yaml"}


def builtin_dir() -> Path:
    """The built-in bank: the installed package data, else the repository's questions/."""
    spec = importlib.util.find_spec("quizcli._questions")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "questions"


def reference_dir() -> Path:
    spec = importlib.util.find_spec("reference_impls")
    if spec is None or not spec.submodule_search_locations:
        raise BankError("reference_impls", "the reference solutions package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def question_files(root: Path) -> list[Path]:
    """YAML files under root, in a stable order, skipping `_private` parts and seed_sections.yaml."""
    if root.is_file():
        return [root]
    out = []
    for path in sorted(root.rglob("*.y*ml")):
        rel = path.relative_to(root)
        if path.suffix not in (".yaml", ".yml") or path.name in SKIP_FILES:
            continue
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        out.append(path)
    return out


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("../../") else str(path)


def load_file(path: Path, builtin: bool = False) -> list[Question]:
    """Parse and schema-check one question file."""
    from . import schema, yamlsafe

    shown = _shown(path)
    text = yamlsafe.read_text(path, shown)
    data, positions = yamlsafe.parse(text, shown)
    schema.validate(data, positions, shown)
    out = []
    for i, q in enumerate(data["questions"]):
        line = positions.get(("questions", i), (0, 0))[0]
        question = Question.from_dict(q, origin=f"{shown}:{line}", builtin=builtin)
        _check_question(question, shown, positions, i)
        out.append(question)
    return out


def _check_question(q: Question, shown: str, positions: dict[Any, Any], i: int) -> None:
    def fail(field: str, message: str) -> None:
        line, col = positions.get(("questions", i, field), positions.get(("questions", i), (None, None)))
        raise BankError(shown, f"question {q.id!r}: {message}", line, col)

    if q.id.split(".", 1)[0] != q.topic:
        fail("id", f"the id must start with its topic ({q.topic + '.'!r})")
    if q.kind == "mcq":
        assert q.correct is not None
        if LETTERS.index(q.correct) >= len(q.choices):
            fail("correct", f"the correct answer {q.correct!r} is not among its {len(q.choices)} choices")
        texts = [c["en"].strip() for c in q.choices]
        if len(set(texts)) != len(texts):
            fail("choices", "two choices have the same English text")
    if q.kind == "numeric" and q.value is not None and q.value != q.value:
        fail("value", "the value is not a number")


@dataclass
class Bank:
    questions: dict[str, Question]
    json_fragments: dict[str, str] | None = None
    """Each question's `quiz list --json` object, already encoded (from the cache)."""

    def list_json(self, questions: list[Question]) -> str:
        """The JSON array `quiz list --json` prints, reusing the cached encodings."""
        frags = self.json_fragments or {}
        return "[" + ",".join(frags.get(q.id) or json.dumps(q.to_json(), ensure_ascii=False) for q in questions) + "]"

    def get(self, qid: str) -> Question:
        try:
            return self.questions[qid]
        except KeyError:
            raise UsageError(f"there is no question {qid!r} (see `quiz list`)") from None

    def by_function(self, name: str) -> Question | None:
        for q in self.questions.values():
            if q.function == name:
                return q
        return None

    def select(self, topic: str | None = None, kind: str | None = None) -> list[Question]:
        return [
            q
            for q in self.questions.values()
            if (topic is None or q.topic == topic) and (kind is None or q.kind == kind)
        ]

    @property
    def topics(self) -> list[str]:
        return sorted({q.topic for q in self.questions.values()})


def cross_check(questions: Iterable[Question], check_references: bool = True) -> dict[str, Question]:
    """Checks across files: unique ids and functions, existing reference solutions."""
    by_id: dict[str, Question] = {}
    by_function: dict[str, Question] = {}
    defined: dict[str, set[str]] = {}
    for q in questions:
        path, _, line = q.origin.rpartition(":")
        if q.id in by_id:
            raise BankError(path, f"duplicate question id {q.id!r} (also defined at {by_id[q.id].origin})", int(line))
        by_id[q.id] = q
        if q.kind != "code":
            continue
        assert q.function and q.reference
        if q.function in by_function:
            other = by_function[q.function].origin
            raise BankError(
                path, f"function {q.function!r} is already the subject of the question at {other}", int(line)
            )
        by_function[q.function] = q
        if check_references:
            module, _, name = q.reference.partition(":")
            names = defined.get(module)
            if names is None:
                names = defined[module] = _defined_functions(module)
            if name not in names:
                raise BankError(path, f"question {q.id!r}: reference {q.reference!r} does not exist", int(line))
    return by_id


def _defined_functions(module: str) -> set[str]:
    """Top-level function names of a reference module, read without importing it."""
    from ..references import Sources

    return Sources().functions(module)


def bank_roots(paths: Paths) -> list[tuple[Path, bool]]:
    roots = [(builtin_dir(), True)]
    if paths.user_bank.is_dir():
        roots.append((paths.user_bank, False))
    for extra in paths.extra_banks:
        if not extra.is_dir():
            raise UsageError(f"QUIZ_BANK names {str(extra)!r}, which is not a directory")
        roots.append((extra, False))
    return roots


def load_bank(paths: Paths, use_cache: bool = True) -> Bank:
    """The whole bank (built-in + user banks), from the cache when nothing changed."""
    files = [(f, builtin) for root, builtin in bank_roots(paths) for f in question_files(root)]
    digest = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for f, builtin in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            raise BankError(_shown(f), f"cannot be read ({exc.strerror or exc})") from None
        digest.update(f"{f}\0{builtin}\0{len(data)}\0".encode())
        digest.update(data)
    for ref in sorted(reference_dir().glob("*.py")):
        digest.update(ref.name.encode())
        digest.update(ref.read_bytes())
    key = digest.hexdigest()[:32]
    cache_file = paths.cache / f"bank-{key}.marshal"
    if use_cache:
        cached = _read_cache(cache_file)
        if cached is not None:
            return cached
    questions: list[Question] = []
    for f, builtin in files:
        questions.extend(load_file(f, builtin=builtin))
    by_id = cross_check(questions)
    if use_cache:
        _write_cache(paths.cache, cache_file, by_id)
    return Bank(by_id)


def _read_cache(cache_file: Path) -> Bank | None:
    """The parsed bank from the cache (marshal: several times faster to load than JSON), or None."""
    import marshal

    try:
        raw = marshal.loads(cache_file.read_bytes())
        if not isinstance(raw, dict) or raw.get("version") != CACHE_VERSION:
            return None
        questions = {d["id"]: Question.from_cache(d) for d in raw["questions"]}
        return Bank(questions, dict(zip(questions, raw["json"], strict=True)))
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None


def _write_cache(cache_dir: Path, cache_file: Path, by_id: dict[str, Question]) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    import marshal
    import tempfile

    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("bank-*"):
            old.unlink(missing_ok=True)
        payload = marshal.dumps(
            {
                "version": CACHE_VERSION,
                "questions": [q.to_cache() for q in by_id.values()],
                "json": [json.dumps(q.to_json(), ensure_ascii=False) for q in by_id.values()],
            }
        )
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".bank-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, cache_file)
    except (OSError, ValueError):
        pass


def validate_paths(targets: list[Path]) -> list[str]:
    """Check files/directories; return one message per problem (empty when all is valid)."""
    problems: list[str] = []
    questions: list[Question] = []
    for target in targets:
        if not target.exists():
            problems.append(f"{target}: no such file or directory")
            continue
        files = question_files(target)
        if not files and target.is_dir():
            problems.append(f"{_shown(target)}: no question files (*.yaml) found")
        for f in files:
            try:
                questions.extend(load_file(f))
            except BankError as exc:
                problems.append(str(exc))
    if not problems:
        try:
            cross_check(questions)
        except BankError as exc:
            problems.append(str(exc))
    return problems

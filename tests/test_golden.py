"""Golden answers: every reference passes its own grader; known wrong answers fail where they should.

Each ``tests/golden/<function>/wrong_*.py`` starts with a header::

    # expect: fail | error
    # case: <name of the first case that must not pass>
    # hint: <mistake key the report must name, or none>
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from quizcli.grader.cases import all_specs
from quizcli.grader.check import grade
from quizcli.models import Question

GOLDEN = Path(__file__).parent / "golden"
SPECS = all_specs()


def question_for(function: str) -> Question:
    return Question(
        id=f"golden.{function}", kind="code", topic="golden", tags=("golden",), difficulty=1,
        prompt={"en": "-", "zh": "-"}, answer={"en": "-", "zh": "-"}, sources=(), function=function,
        reference="-",
    )


def reference_source(function: str) -> bytes:
    module = inspect.getmodule(SPECS[function].reference)
    assert module is not None and module.__file__
    return Path(module.__file__).read_bytes()


@pytest.mark.parametrize("function", sorted(SPECS))
def test_reference_passes_its_own_grader(function: str, tmp_path: Path) -> None:
    path = tmp_path / "answer.py"
    source = reference_source(function)
    path.write_bytes(source)
    report = grade(path, source, question_for(function), timeout=30)
    bad = [(c.name, c.status, c.message) for c in report.cases if c.status != "pass"]
    assert report.verdict == "pass", bad
    assert report.total >= 8


def _golden_files() -> list[Path]:
    return sorted(GOLDEN.glob("*/wrong_*.py"))


def _header(path: Path) -> dict[str, str]:
    head = {}
    for line in path.read_text(encoding="utf-8").splitlines()[:10]:
        m = re.match(r"#\s*(expect|case|hint):\s*(.*?)\s*$", line)
        if m:
            head[m.group(1)] = m.group(2)
    return head


@pytest.mark.parametrize("path", _golden_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_wrong_answer_fails_on_the_named_case(path: Path, tmp_path: Path) -> None:
    function = path.parent.name
    assert function in SPECS, f"no grader spec for {function}"
    head = _header(path)
    assert {"expect", "case", "hint"} <= head.keys(), f"{path} lacks its header"
    report = grade(path, path.read_bytes(), question_for(function), timeout=30, failures_dir=tmp_path)
    first = next(c for c in report.cases if c.status != "pass")
    assert report.verdict == head["expect"], (first.name, first.message)
    assert first.name == head["case"], first.message
    if head["hint"] != "none":
        assert report.hint_key == head["hint"], (report.hint_key, first.message)
        assert report.hint and report.hint["en"] and report.hint["zh"]
    assert report.repro and function in report.repro[-1]


def test_every_function_has_three_wrong_answers_and_a_recognised_mistake() -> None:
    for function, spec in SPECS.items():
        files = list((GOLDEN / function).glob("wrong_*.py"))
        assert len(files) >= 3, f"{function}: {len(files)} wrong answers"
        hints = {_header(f).get("hint") for f in files} - {"none", None}
        assert hints, f"{function}: no wrong answer is recognised as a known mistake"
        assert spec.mistakes, function

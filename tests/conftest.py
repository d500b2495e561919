"""Shared fixtures: an isolated QUIZ_HOME and a way to run the real `quiz` entry point."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SHARED = Path(os.environ.get("QUIZ_SHARED", ROOT.parent / "shared"))
CATALOGUE = SHARED / "spec" / "code-questions.md"


def quiz_command() -> list[str]:
    """`quiz` as the console script runs it (the same ``main``), on this working tree.

    ``tests/test_install.py`` runs the real installed console script from a fresh venv.
    """
    return [sys.executable, "-m", "quizcli"]


def source_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


@pytest.fixture
def quiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "quizhome"
    home.mkdir()
    monkeypatch.setenv("QUIZ_HOME", str(home))
    monkeypatch.delenv("QUIZ_BANK", raising=False)
    return home


@pytest.fixture
def run_quiz(quiz_home: Path):
    def run(*args: str, input: str | None = None, timeout: float = 120, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full_env = dict(source_env(), QUIZ_HOME=str(quiz_home), NO_COLOR="1", COLUMNS="120")
        full_env.pop("QUIZ_BANK", None)
        if env:
            full_env.update(env)
        return subprocess.run(
            [*quiz_command(), *args], input=input, capture_output=True, text=True, timeout=timeout,
            cwd=cwd, env=full_env, stdin=None if input is not None else subprocess.DEVNULL,
        )

    return run


def catalogue_sections() -> dict[str, list[str]]:
    """The functions of the required code-question catalogue (shared/spec/code-questions.md), by section."""
    sections: dict[str, list[str]] = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            sections[line[3:].strip()] = []
        elif m := re.match(r"^\| `([a-z_0-9]+)\(", line):
            sections[list(sections)[-1]].append(m.group(1))
    return sections


def seed_sections(seed: str) -> list[str]:
    """The hand-reviewed list of sections of one seed note (questions/seed_sections.yaml)."""
    import yaml

    listing = yaml.safe_load((ROOT / "questions" / "seed_sections.yaml").read_text(encoding="utf-8"))
    return list(listing[seed])


def seed_question_files(seed: str) -> list[Path]:
    """The bank files written from one seed note: questions/*/sNNN.yaml for seed "NNN_<hash>.txt"."""
    return sorted(ROOT.glob(f"questions/*/s{seed[:3]}.yaml"))


def seed_questions(seed: str) -> list[dict]:
    """The questions of :func:`seed_question_files`, as the YAML has them."""
    import yaml

    out: list[dict] = []
    for f in seed_question_files(seed):
        out.extend(yaml.safe_load(f.read_text(encoding="utf-8"))["questions"])
    return out


def recomputation_tests(seed: str, compute: dict[str, Callable[[], float]], min_numeric: int = 1) -> tuple:
    """The tests of a tests/test_numeric_sNNN.py module, for its ``compute``: question id -> a function that
    recomputes the answer independently of the YAML. Bind them to test_* names in that module."""
    numeric = {q["id"]: q for q in seed_questions(seed) if q["kind"] == "numeric"}

    def test_files_exist() -> None:
        assert seed_question_files(seed), f"no questions/*/s{seed[:3]}.yaml file found"
        assert len(numeric) >= min_numeric, "too few numeric questions"

    def test_every_numeric_question_is_recomputed() -> None:
        assert sorted(numeric) == sorted(compute)

    @pytest.mark.parametrize("qid", sorted(compute))
    def test_numeric_value(qid: str) -> None:
        q = numeric[qid]
        computed = float(compute[qid]())
        assert math.isfinite(computed), qid
        assert abs(computed - q["value"]) <= q["tolerance"], (qid, computed, q["value"])

    return test_files_exist, test_every_numeric_question_is_recomputed, test_numeric_value

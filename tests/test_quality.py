"""Lint and types are part of the test suite, so CI enforces them."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff() -> None:
    res = subprocess.run([sys.executable, "-m", "ruff", "check", "quizcli", "reference_impls", "tests", "benchmarks"],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy() -> None:
    res = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", "quizcli"], cwd=ROOT,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr

"""Helpers shared by the grader-spec tests (tests/test_specs.py and tests/test_cases_<section>.py).

They run the grader's own code in-process: ``quizcli.grader.run`` materializes the arguments
(fresh copies, callbacks built), judges a returned value and recognises known mistakes;
``quizcli.grader.compare`` compares. The only thing added here is :func:`run_recorded`, a
variant of ``run.call`` that records warnings the way the sandboxed child does (so that a
RuntimeWarning of a stable spec fails the case, as in ``quiz check``), and returns an
exception as data instead of raising it.
"""

from __future__ import annotations

import importlib.util
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from quizcli.grader import run
from quizcli.grader.cases import all_specs
from quizcli.grader.check import case_seed
from quizcli.grader.compare import align_signs, compare
from quizcli.grader.spec import Callback, Case, FunctionSpec

call = run.call  # fresh copies of the arguments, callbacks built, warnings off
SPECS: dict[str, FunctionSpec] = all_specs()
SEEDS = ("grader", 0, 1)  # "grader": the seed `quiz check` uses for the function
GOLDEN = Path(__file__).parent / "golden"
HEADER = re.compile(r"^#\s*(expect|case|hint):\s*(.+?)\s*$", re.M)


# ---------------------------------------------------------------- cases


def seed_value(function: str, seed: int | str) -> int:
    return case_seed(function) if seed == "grader" else int(seed)


def cases_for(spec: FunctionSpec, seed: int | str) -> list[Case]:
    return list(spec.cases(np.random.default_rng(seed_value(spec.function, seed))))


def cases_by_name(spec: FunctionSpec, seed: int | str) -> dict[str, Case]:
    return {c.name: c for c in cases_for(spec, seed)}


def same_args(a: Any, b: Any) -> bool:
    """Exact equality of case arguments: same types, dtypes, shapes and values (NaN equals nothing)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and bool(np.array_equal(a, b))
        )
    if isinstance(a, tuple | list):
        return type(a) is type(b) and len(a) == len(b) and all(same_args(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same_args(a[k], b[k]) for k in a)
    if isinstance(a, Callback):
        return isinstance(b, Callback) and a.name == b.name and same_args(a.params, b.params)
    return type(a) is type(b) and a == b


def same_case(a: Case, b: Case) -> bool:
    return a.name == b.name and same_args(a.args, b.args) and same_args(a.kwargs, b.kwargs)


# ---------------------------------------------------------------- running and judging


@dataclass
class Outcome:
    """What one call did: status "ok" (value) or "raised" (value is the exception), and its warnings."""

    status: str
    value: Any
    warnings: list[type[Warning]] = field(default_factory=list)

    @property
    def runtime_warning(self) -> bool:
        return any(issubclass(w, RuntimeWarning) for w in self.warnings)


def run_recorded(fn: Any, case: Case) -> Outcome:
    """``run.call`` as the sandboxed child runs an answer: every warning recorded, errors as data."""
    args = [run.materialize(a) for a in case.args]
    kwargs = {k: run.materialize(v) for k, v in case.kwargs.items()}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn", under="ignore"):
            try:
                value, status = fn(*args, **kwargs), "ok"
            except Exception as exc:  # noqa: BLE001 - any exception is a result here
                value, status = exc, "raised"
    return Outcome(status, value, [w.category for w in caught])


def reference_outcomes(spec: FunctionSpec, seed: int | str) -> list[tuple[Case, Outcome]]:
    """Each case of the seed with what the reference did on it (warnings recorded)."""
    return [(c, run_recorded(spec.reference, c)) for c in cases_for(spec, seed)]


def tolerance(spec: FunctionSpec, case: Case) -> tuple[float, float]:
    return (spec.rtol if case.rtol is None else case.rtol, spec.atol if case.atol is None else case.atol)


def same(spec: FunctionSpec, case: Case, expected: Any, got: Any) -> bool:
    """Whether ``got`` passes as ``expected`` by the grader's comparison (sign alignment, case tolerance)."""
    if spec.sign_free:
        got = align_signs(expected, got)
    return compare(expected, got, *tolerance(spec, case), spec.int_dtype).ok


def same_outcome(spec: FunctionSpec, case: Case, a: Outcome, b: Outcome) -> bool:
    """Two outcomes agree: both raised the same exception type, or both returned the same value."""
    if a.status != b.status:
        return False
    if a.status == "raised":
        return type(a.value) is type(b.value)
    return same(spec, case, a.value, b.value)


@dataclass
class Graded:
    """An answer graded in-process the way `quiz check` grades it."""

    cases: list[Case]
    expected: list[Any]
    outcomes: list[Outcome]
    reports: list[Any]
    values: dict[int, Any]

    @property
    def first_failure(self) -> Any:
        return next((r for r in self.reports if r.status != "pass"), None)


def grade(spec: FunctionSpec, cases: list[Case], fn: Any, expected: list[Any] | None = None) -> Graded:
    """Case verdicts as ``quiz check`` gives them: the reference's values, the grader's judgement of each
    returned value (``run._judge``: comparison, raises-cases, RuntimeWarnings of stable specs)."""
    if expected is None:
        expected = [run.run_reference(spec, c) for c in cases]
    outcomes, reports, values = [], [], {}
    for i, (case, exp) in enumerate(zip(cases, expected, strict=True)):
        out = run_recorded(fn, case)
        outcomes.append(out)
        rep = SimpleNamespace(name=case.name, status="pass", message="")
        if out.status == "raised":
            mro = [k.__name__ for k in type(out.value).__mro__]
            rep.status = "pass" if case.raises and case.raises in mro else "error"
        else:
            values[i] = out.value
            ws = [{"category": [k.__name__ for k in w.__mro__], "message": ""} for w in out.warnings]
            run._judge(rep, spec, case, exp, out.value, ws)
        reports.append(rep)
    return Graded(cases, expected, outcomes, reports, values)


def recognised(spec: FunctionSpec, graded: Graded) -> str | None:
    """The key of the known mistake the grader names for this answer (``run.recognise``), or None."""
    mistake = run.recognise(spec, graded.cases, graded.expected, graded.reports, graded.values)
    return mistake.key if mistake is not None else None


# ---------------------------------------------------------------- golden wrong answers


def golden_files(function: str) -> list[Path]:
    return sorted((GOLDEN / function).glob("wrong_*.py"))


def golden_header(path: Path) -> dict[str, str]:
    return dict(HEADER.findall(path.read_text(encoding="utf-8")))


def load_golden(path: Path, function: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"golden_{function}_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, function)

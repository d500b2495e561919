"""Checks of the grader cases, known mistakes and golden wrong answers: "Detection".

For every spec: case names are unique, the reference runs on every case and
returns finite values (no RuntimeWarning for stable specs), the cases are
deterministic for a fixed seed, and every known mistake differs from the
reference on at least one case. For every golden wrong answer in
``tests/golden/<function>/``: its header is truthful (first case it does not
pass, fail vs error, and the mistake it is recognised as).
"""

from __future__ import annotations

import copy
import importlib.util
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from quizcli.grader.callbacks import make_callback
from quizcli.grader.cases import detection as section
from quizcli.grader.check import case_seed
from quizcli.grader.compare import compare
from quizcli.grader.spec import Callback, Case, FunctionSpec
from reference_impls import detection as ref_module

FUNCTIONS = [
    "box_iou",
    "generalized_box_iou",
    "distance_box_iou",
    "complete_box_iou",
    "nms",
    "average_precision",
]
SPECS = {s.function: s for s in section.SPECS}
GOLDEN = Path(__file__).parent / "golden"


# ---------------------------------------------------------------- harness


def _resolve(value):
    if isinstance(value, Callback):
        return make_callback(value.name, value.params)
    if isinstance(value, tuple):
        return tuple(_resolve(v) for v in value)
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


def call(fn, case: Case):
    """Run fn on fresh copies of the case's arguments.

    Returns (status, value, warned): status "ok" with the returned value or
    "error" with the exception; warned tells whether a RuntimeWarning was issued
    (a failure for stable specs, as in the grader).
    """
    args = _resolve(copy.deepcopy(case.args))
    kwargs = {k: _resolve(v) for k, v in copy.deepcopy(case.kwargs).items()}
    with warnings.catch_warnings(record=True) as caught, np.errstate(under="ignore"):
        warnings.simplefilter("always", RuntimeWarning)
        try:
            status, value = "ok", fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any exception is a result here
            status, value = "error", exc
    warned = any(issubclass(w.category, RuntimeWarning) for w in caught)
    return status, value, warned


def _tol(spec: FunctionSpec, case: Case) -> tuple[float, float]:
    return (spec.rtol if case.rtol is None else case.rtol, spec.atol if case.atol is None else case.atol)


def passes(spec: FunctionSpec, case: Case, expected, result) -> bool:
    status, value, warned = result
    if case.raises is not None:
        return status == "error" and type(value).__name__ == case.raises
    if status != "ok" or (spec.stable and warned):
        return False
    return compare(expected, value, *_tol(spec, case), spec.int_dtype).ok


def same_as(spec: FunctionSpec, case: Case, wrong_result, result) -> bool:
    """Whether an answer's result on a case equals a known mistake's result."""
    if wrong_result[0] != "ok" or result[0] != "ok":
        return wrong_result[0] == result[0] == "error" and type(wrong_result[1]) is type(result[1])
    return compare(wrong_result[1], result[1], *_tol(spec, case), spec.int_dtype).ok


def reference_outputs(spec: FunctionSpec, cases):
    return [call(spec.reference, c)[1] for c in cases]


def recognised(spec: FunctionSpec, cases, expected, results) -> str | None:
    """The first mistake that reproduces the answer on every case where the answer returned a value.

    Same rule as the grader (quizcli/grader/run.py): only when the answer failed
    at least one case with a returned value.
    """
    failing = [
        i
        for i, (c, e, r) in enumerate(zip(cases, expected, results, strict=True))
        if r[0] == "ok" and not passes(spec, c, e, r)
    ]
    if not failing:
        return None
    valued = [i for i, r in enumerate(results) if r[0] == "ok" and cases[i].raises is None]
    for m in spec.mistakes:
        if all(same_as(spec, cases[i], call(m.wrong, cases[i]), results[i]) for i in valued):
            return m.key
    return None


def _finite(value) -> bool:
    if isinstance(value, tuple | list):
        return all(_finite(v) for v in value)
    if isinstance(value, str) or value is None:
        return True
    arr = np.asarray(value)
    return arr.dtype.kind not in "fc" or bool(np.all(np.isfinite(arr)))


def _same_args(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=True)
        )
    if isinstance(a, tuple | list):
        return type(a) is type(b) and len(a) == len(b) and all(_same_args(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same_args(a[k], b[k]) for k in a)
    if isinstance(a, Callback):
        return isinstance(b, Callback) and a.name == b.name and _same_args(a.params, b.params)
    return type(a) is type(b) and a == b


# ---------------------------------------------------------------- spec checks


def test_specs_cover_the_section():
    assert sorted(SPECS) == sorted(FUNCTIONS)
    for name, spec in SPECS.items():
        assert spec.reference is getattr(ref_module, name)
        assert 2 <= len(spec.mistakes) <= 4
        assert len({m.key for m in spec.mistakes}) == len(spec.mistakes)
        for m in spec.mistakes:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", m.key)
            assert m.en.strip() and m.zh.strip() and re.search(r"[\u4e00-\u9fff]", m.zh)
    assert SPECS["nms"].int_dtype == "int64"


@pytest.mark.parametrize("name", FUNCTIONS)
def test_cases_well_formed_and_deterministic(name):
    spec = SPECS[name]
    cases = list(spec.cases(np.random.default_rng(0)))
    assert 8 <= len(cases) <= 16
    names = [c.name for c in cases]
    assert len(set(names)) == len(names) and all(n.strip() for n in names)
    again = list(spec.cases(np.random.default_rng(0)))
    assert [c.name for c in again] == names
    for c1, c2 in zip(cases, again, strict=True):
        assert _same_args(c1.args, c2.args) and _same_args(c1.kwargs, c2.kwargs)
    other = list(spec.cases(np.random.default_rng(1)))
    assert [c.name for c in other] == names  # the seed changes values, never the case list


@pytest.mark.parametrize("name", FUNCTIONS)
def test_reference_runs_on_every_case(name):
    spec = SPECS[name]
    for case in spec.cases(np.random.default_rng(0)):
        status, value, warned = call(spec.reference, case)
        assert not warned, case.name  # stable or not, the reference is clean
        if case.raises is not None:
            assert status == "error" and type(value).__name__ == case.raises, case.name
            continue
        assert status == "ok", (case.name, value)
        assert _finite(value), case.name
        assert passes(spec, case, value, (status, value, warned))


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_mistake_is_caught(name):
    spec = SPECS[name]
    cases = list(spec.cases(np.random.default_rng(case_seed(name))))
    expected = reference_outputs(spec, cases)
    for m in spec.mistakes:
        results = [call(m.wrong, c) for c in cases]
        assert any(not passes(spec, c, e, r) for c, e, r in zip(cases, expected, results, strict=True)), m.key
        assert all(r[0] == "ok" for r in results), m.key  # a mistake returns a value on every case
        # a mistake is recognised as itself (no earlier mistake shadows it)
        assert recognised(spec, cases, expected, results) == m.key


# ---------------------------------------------------------------- golden wrong answers

HEADER = re.compile(r"^# (expect|case|hint): (.+)$", re.M)


def _goldens():
    out = []
    for name in FUNCTIONS:
        for path in sorted((GOLDEN / name).glob("wrong_*.py")):
            out.append(pytest.param(name, path, id=f"{name}/{path.name}"))
    return out


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_function_has_golden_wrong_answers(name):
    files = sorted((GOLDEN / name).glob("wrong_*.py"))
    assert len(files) >= 3
    hints = [dict(HEADER.findall(f.read_text(encoding="utf-8")))["hint"].strip() for f in files]
    assert any(h != "none" for h in hints)


def _load(path: Path, function: str):
    spec = importlib.util.spec_from_file_location(f"golden_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, function)


@pytest.mark.parametrize("name, path", _goldens())
@pytest.mark.parametrize("seed", ["grader", 0, 1])
def test_golden_header_is_truthful(name, path, seed):
    """The header holds for the grader's seed and others: the first failure never depends on luck."""
    header = {k: v.strip() for k, v in HEADER.findall(path.read_text(encoding="utf-8"))}
    assert header.keys() == {"expect", "case", "hint"}
    spec = SPECS[name]
    cases = list(spec.cases(np.random.default_rng(case_seed(name) if seed == "grader" else seed)))
    assert header["case"] in [c.name for c in cases]
    fn = _load(path, name)
    expected = reference_outputs(spec, cases)
    results = [call(fn, c) for c in cases]
    verdicts = [passes(spec, c, e, r) for c, e, r in zip(cases, expected, results, strict=True)]
    assert not all(verdicts)
    first = verdicts.index(False)
    assert cases[first].name == header["case"]
    assert results[first][0] == ("error" if header["expect"] == "error" else "ok")
    hint = header["hint"]
    assert recognised(spec, cases, expected, results) == (None if hint == "none" else hint)

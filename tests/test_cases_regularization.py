"""Checks of the grader cases and known mistakes of "Regularization and training"."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from quizcli.grader.callbacks import make_callback
from quizcli.grader.cases import regularization as section
from quizcli.grader.spec import Callback, FunctionSpec

SPECS = {s.function: s for s in section.SPECS}
EXPECTED = {"dropout", "clip_grad_norm", "xavier_uniform_bound", "he_normal_std"}
STABLE: set[str] = set()


def _materialize(value):
    if isinstance(value, Callback):
        return make_callback(value.name, value.params)
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [_materialize(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_materialize(v) for v in value)
    return value


def call(fn, case):
    return fn(*_materialize(case.args), **{k: _materialize(v) for k, v in case.kwargs.items()})


def call_quietly(fn, case):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return call(fn, case)
        except Exception as exc:  # a wrong answer may crash: that differs too
            return exc


def differs(a, b, rtol=1e-6, atol=1e-8) -> bool:
    if isinstance(a, Exception) or isinstance(b, Exception):
        return True
    if isinstance(a, tuple | list):
        if not isinstance(b, tuple | list) or len(a) != len(b):
            return True
        return any(differs(x, y, rtol, atol) for x, y in zip(a, b, strict=True))
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return True
    if a.dtype.kind in "fc" or b.dtype.kind in "fc":
        a64, b64 = a.astype(np.float64), b.astype(np.float64)
        with np.errstate(all="ignore"):
            bad = ~np.isclose(b64, a64, rtol=rtol, atol=atol) | (np.isfinite(a64) != np.isfinite(b64))
        return bool(bad.any())
    return not np.array_equal(a, b)


def all_finite(value) -> bool:
    if isinstance(value, tuple | list):
        return all(all_finite(v) for v in value)
    arr = np.asarray(value)
    return arr.dtype.kind not in "fc" or bool(np.all(np.isfinite(arr)))


def test_every_function_has_a_spec():
    assert set(SPECS) == EXPECTED
    assert {f for f, s in SPECS.items() if s.stable} == STABLE


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case_list_shape(name):
    spec: FunctionSpec = SPECS[name]
    cases = spec.cases(np.random.default_rng(0))
    assert 8 <= len(cases) <= 16
    names = [c.name for c in cases]
    assert len(set(names)) == len(names), names
    assert names[0].startswith("fixed")
    assert 2 <= len(spec.mistakes) <= 4
    assert len({m.key for m in spec.mistakes}) == len(spec.mistakes)
    for m in spec.mistakes:
        assert m.en.strip() and m.zh.strip()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reference_runs_finite_and_quiet(name):
    spec = SPECS[name]
    for case in spec.cases(np.random.default_rng(0)):
        assert case.raises is None
        with warnings.catch_warnings(), np.errstate(under="ignore"):
            if spec.stable:
                warnings.simplefilter("error", RuntimeWarning)
            out = call(spec.reference, case)
        assert all_finite(out), case.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cases_are_deterministic(name):
    spec = SPECS[name]
    a = spec.cases(np.random.default_rng(42))
    b = spec.cases(np.random.default_rng(42))
    assert [c.name for c in a] == [c.name for c in b]
    for ca, cb in zip(a, b, strict=True):
        assert not differs(call(spec.reference, ca), call(spec.reference, cb))
        assert not differs(list(ca.args), list(cb.args), rtol=0, atol=0)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("seed", [0, 1])
def test_every_mistake_is_caught(name, seed):
    spec = SPECS[name]
    cases = spec.cases(np.random.default_rng(seed))
    ref_out = [call(spec.reference, c) for c in cases]
    for m in spec.mistakes:
        caught = [c.name for c, r in zip(cases, ref_out, strict=True) if differs(r, call_quietly(m.wrong, c))]
        assert caught, f"{name}: mistake {m.key} passes every case"

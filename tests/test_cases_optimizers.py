"""Checks of the grader cases and known mistakes of the "Optimizers" section."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from quizcli.grader.callbacks import make_callback
from quizcli.grader.cases.optimizers import SPECS
from quizcli.grader.check import case_seed
from quizcli.grader.compare import align_signs, compare
from quizcli.grader.spec import Callback, Case, FunctionSpec

EXPECTED = {
    "momentum_step",
    "nesterov_step",
    "adagrad_step",
    "rmsprop_step",
    "adadelta_step",
    "adam_step",
    "newton_minimize",
}
BY_NAME = {s.function: s for s in SPECS}
SEED = 20240607
SEEDS = ["grader", 0, 1]  # "grader": the seed `quiz check` uses for this function


def _rng(spec: FunctionSpec, seed) -> np.random.Generator:
    return np.random.default_rng(case_seed(spec.function) if seed == "grader" else seed)


def _materialize(v):
    if isinstance(v, Callback):
        return make_callback(v.name, {k: _materialize(p) for k, p in v.params.items()})
    if isinstance(v, np.ndarray):
        return v.copy()
    if isinstance(v, tuple):
        return tuple(_materialize(x) for x in v)
    if isinstance(v, list):
        return [_materialize(x) for x in v]
    return v


def _call(fn, case: Case):
    args = [_materialize(a) for a in case.args]
    kwargs = {k: _materialize(v) for k, v in case.kwargs.items()}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return ("ok", fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001
            return ("raised", type(exc).__name__)


def _same(spec: FunctionSpec, case: Case, a, b) -> bool:
    """Whether two outcomes of _call agree within the case's tolerance (the grader's comparison)."""
    if a[0] != b[0]:
        return False
    if a[0] == "raised":
        return a[1] == b[1]
    got = align_signs(a[1], b[1]) if spec.sign_free else b[1]
    rtol = case.rtol if case.rtol is not None else spec.rtol
    atol = case.atol if case.atol is not None else spec.atol
    return compare(a[1], got, rtol, atol, spec.int_dtype).ok


def _finite(value) -> bool:
    if isinstance(value, tuple | list):
        return all(_finite(v) for v in value)
    if isinstance(value, str):
        return True
    return bool(np.all(np.isfinite(np.asarray(value, dtype=np.float64))))


def test_every_catalogue_function_has_a_spec():
    assert set(BY_NAME) == EXPECTED
    assert len(SPECS) == len(EXPECTED)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.function)
def test_case_names_unique_and_count(spec):
    cases = spec.cases(np.random.default_rng(SEED))
    names = [c.name for c in cases]
    assert len(names) == len(set(names))
    assert 8 <= len(cases) <= 16
    assert all(c.name.strip() and len(c.name) <= 60 for c in cases)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.function)
def test_cases_are_deterministic_and_use_rng(spec):
    a = spec.cases(np.random.default_rng(SEED))
    b = spec.cases(np.random.default_rng(SEED))
    c = spec.cases(np.random.default_rng(SEED + 1))
    assert [x.name for x in a] == [x.name for x in b] == [x.name for x in c]
    assert all(_args_equal(x.args, y.args) and _args_equal(x.kwargs, y.kwargs) for x, y in zip(a, b, strict=True))
    for x, y in zip(a, b, strict=True):
        assert _same(spec, x, _call(spec.reference, x), _call(spec.reference, y))
    assert any(not _args_equal(x.args, y.args) for x, y in zip(a, c, strict=True))


def _args_equal(a, b) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_args_equal(a[k], b[k]) for k in a)
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(_args_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Callback):
        return a.name == b.name and _args_equal(a.params, b.params)
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and bool(np.all(a == b))
    return a == b


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.function)
def test_reference_runs_finite_on_every_case(spec, seed):
    for case in spec.cases(_rng(spec, seed)):
        args = [_materialize(a) for a in case.args]
        kwargs = {k: _materialize(v) for k, v in case.kwargs.items()}
        with warnings.catch_warnings(), np.errstate(under="ignore"):
            if spec.stable:
                warnings.simplefilter("error", RuntimeWarning)
            if case.raises:
                with pytest.raises(Exception) as info:
                    spec.reference(*args, **kwargs)
                assert case.raises in [k.__name__ for k in type(info.value).__mro__]
                continue
            out = spec.reference(*args, **kwargs)
        assert _finite(out), case.name
        if isinstance(out, tuple):
            for item in out:
                assert not isinstance(item, np.ndarray) or item.dtype == np.float64


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.function)
def test_every_mistake_differs_from_reference_and_from_each_other(spec, seed):
    cases = spec.cases(_rng(spec, seed))
    ref = [_call(spec.reference, c) for c in cases]
    assert 2 <= len(spec.mistakes) <= 4
    assert len({m.key for m in spec.mistakes}) == len(spec.mistakes)
    outs = {}
    for m in spec.mistakes:
        assert m.en.strip() and m.zh.strip()
        outs[m.key] = [_call(m.wrong, c) for c in cases]
        # recognisable: on some case it returns a value that differs from the reference's (a "fail"; the
        # grader ignores the cases where the answer raised, e.g. a diverging Newton variant on Rosenbrock)
        assert any(
            o[0] == "ok" and r[0] == "ok" and not _same(spec, c, r, o)
            for c, r, o in zip(cases, ref, outs[m.key], strict=True)
        ), m.key
    keys = list(outs)
    for i, k1 in enumerate(keys):
        for k2 in keys[i + 1 :]:
            assert any(not _same(spec, c, a, b) for c, a, b in zip(cases, outs[k1], outs[k2], strict=True)), (
                k1,
                k2,
            )


@pytest.mark.parametrize("seed", [*SEEDS, 2, 3])
def test_newton_cases_converge_when_given_enough_iterations(seed):
    """The default-n_iter cases end at a stationary point, so the expected value is not chaotic."""
    spec = BY_NAME["newton_minimize"]
    for case in spec.cases(_rng(spec, seed)):
        n_iter = case.args[3] if len(case.args) > 3 else 20
        if n_iter >= 20:
            grad = _materialize(case.args[0])
            x = spec.reference(*[_materialize(a) for a in case.args])
            assert np.linalg.norm(grad(x)) < 1e-9, case.name


def test_fixed_cases_by_hand():
    """The first fixed case of a few functions, worked out by hand."""
    rng = np.random.default_rng(SEED)
    c = BY_NAME["momentum_step"].cases(rng)[0]
    w, v = _call(BY_NAME["momentum_step"].reference, c)[1]
    np.testing.assert_allclose(v, [0.05, -0.1, 0.2])
    np.testing.assert_allclose(w, [0.95, 2.1, 2.8])
    c = BY_NAME["newton_minimize"].cases(rng)[0]
    np.testing.assert_allclose(_call(BY_NAME["newton_minimize"].reference, c)[1], [1.0, -1.0])
    c = BY_NAME["adam_step"].cases(rng)[0]
    w, m, v = _call(BY_NAME["adam_step"].reference, c)[1]
    np.testing.assert_allclose(w, [1 - 0.001, 2 + 0.001], rtol=1e-9)
    np.testing.assert_allclose(m, [0.05, -0.1])
    np.testing.assert_allclose(v, [0.00025, 0.001])

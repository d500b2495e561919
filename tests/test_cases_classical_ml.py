"""Checks of the grader cases and known mistakes of the "Classical ML and math" section."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import scipy.linalg

from quizcli.grader.callbacks import make_callback
from quizcli.grader.cases.classical_ml import SPECS
from quizcli.grader.check import case_seed
from quizcli.grader.compare import align_signs, compare
from quizcli.grader.spec import Callback, Case, FunctionSpec

EXPECTED = {
    "hamming_distance",
    "pca",
    "kmeans",
    "kmeans_plus_plus_init",
    "min_max_scale",
    "standardize",
    "logistic_regression_loss_grad",
    "gaussian_mle",
    "classify_critical_point",
    "solve_equality_qp",
    "viterbi",
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
        for item in out if isinstance(out, tuple) else (out,):
            if isinstance(item, np.ndarray):
                assert item.dtype == np.float64 or item.dtype == np.int64, case.name


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
            o[0] == "ok" and (r[0] == "raised" or not _same(spec, c, r, o))
            for c, r, o in zip(cases, ref, outs[m.key], strict=True)
        ), m.key
    keys = list(outs)
    for i, k1 in enumerate(keys):
        for k2 in keys[i + 1 :]:
            assert any(not _same(spec, c, a, b) for c, a, b in zip(cases, outs[k1], outs[k2], strict=True)), (
                k1,
                k2,
            )


def _cases(name: str, seed):
    spec = BY_NAME[name]
    return spec, spec.cases(_rng(spec, seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_pca_cases_have_distinct_top_variances(seed):
    spec, cases = _cases("pca", seed)
    for c in cases:
        X, k = c.args
        s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
        top = s[: k + 1]
        assert np.all(top[:-1] > 1.05 * top[1:]), c.name


def _brute_force_viterbi(pi, A, B, obs):
    scores = {}
    for path in itertools.product(range(len(pi)), repeat=len(obs)):
        p = pi[path[0]] * B[path[0], obs[0]]
        for t in range(1, len(obs)):
            p *= A[path[t - 1], path[t]] * B[path[t], obs[t]]
        scores[path] = p
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    return ranked[0], ranked[1][1] if len(ranked) > 1 else 0.0


@pytest.mark.parametrize("seed", SEEDS)
def test_viterbi_cases_have_a_unique_best_path(seed):
    spec, cases = _cases("viterbi", seed)
    for c in cases:
        pi, A, B, obs = c.args
        path, prob = spec.reference(pi, A, B, obs)
        if len(obs) <= 8:
            (best, best_p), second = _brute_force_viterbi(pi, A, B, obs)
            assert best_p > 1.01 * second, c.name
            np.testing.assert_array_equal(path, best)
            np.testing.assert_allclose(prob, best_p, rtol=1e-12)
        else:
            assert prob == 0.0  # the long case underflows, as the case name says


@pytest.mark.parametrize("seed", SEEDS)
def test_kpp_cases_ask_for_at_most_the_distinct_samples(seed):
    _, cases = _cases("kmeans_plus_plus_init", seed)
    for c in cases:
        X, k, u = c.args
        assert k <= len({tuple(r) for r in X}) and len(u) == k - 1
        assert np.all((0 <= u) & (u < 1))


@pytest.mark.parametrize("seed", SEEDS)
def test_kmeans_edge_cases_do_what_their_names_say(seed):
    spec, cases = _cases("kmeans", seed)
    by = {c.name: c for c in cases}
    centers, labels = spec.reference(*by["fixed empty cluster keeps its center"].args)
    np.testing.assert_array_equal(centers[2], [100.0])
    _, labels = spec.reference(*by["distance ties go to the lowest index"].args, n_iter=1)
    assert labels[0] == 0  # 1 is at distance 1 from both 0 and 2
    centers, labels = spec.reference(*by["duplicate initial centers"].args, n_iter=1)
    np.testing.assert_array_equal(labels, [0, 0, 0])  # every sample ties: all go to center 0
    np.testing.assert_array_equal(centers[1], [1.0, 1.0])
    assert labels.dtype.kind == "i"


@pytest.mark.parametrize("seed", SEEDS)
def test_classify_cases_cover_every_label(seed):
    spec, cases = _cases("classify_critical_point", seed)
    got = {c.name: spec.reference(*c.args) for c in cases}
    assert set(got.values()) == {"minimum", "maximum", "saddle", "degenerate"}
    assert got["fixed [[1, 2], [2, 1]]"] == "saddle"
    assert got["saddle with a zero eigenvalue"] == "saddle"
    assert got["eigenvalue 1e-12 counts as zero"] == "degenerate"
    assert got["eigenvalue 1e-8 is positive"] == "minimum"
    assert got["det > 0 yet a saddle"] == "saddle"


@pytest.mark.parametrize("seed", SEEDS)
def test_qp_cases_meet_the_preconditions(seed):
    _, cases = _cases("solve_equality_qp", seed)
    for c in cases:
        Q, _, A, _ = c.args
        assert np.linalg.matrix_rank(A) == A.shape[0]
        N = scipy.linalg.null_space(A)
        if N.shape[1]:
            assert np.linalg.eigvalsh(N.T @ Q @ N).min() > 1e-6, c.name


def test_fixed_cases_by_hand():
    """The first fixed case of several functions, worked out by hand."""
    seed = "grader"
    spec, cases = _cases("hamming_distance", seed)
    assert spec.reference(*cases[0].args) == 3
    spec, cases = _cases("pca", seed)
    Z, comps = spec.reference(*cases[0].args)
    np.testing.assert_allclose(np.abs(comps), [[1.0, 0.0]], atol=1e-15)
    np.testing.assert_allclose(Z * np.sign(comps[0, 0]), [[2.0], [0.0], [-2.0], [0.0]], atol=1e-15)
    spec, cases = _cases("kmeans", seed)
    centers, labels = spec.reference(*cases[0].args)
    np.testing.assert_allclose(centers, [[0.5], [10.5]])
    np.testing.assert_array_equal(labels, [0, 0, 1, 1])
    centers, labels = spec.reference(*cases[1].args)
    np.testing.assert_allclose(centers, [[0.0], [22.0 / 3.0]])
    np.testing.assert_array_equal(labels, [0, 1, 1, 1])
    spec, cases = _cases("kmeans_plus_plus_init", seed)
    np.testing.assert_array_equal(spec.reference(*cases[0].args), [[0.0], [1.0]])
    np.testing.assert_array_equal(spec.reference(*cases[1].args), [[0.0], [3.0]])
    spec, cases = _cases("min_max_scale", seed)
    np.testing.assert_allclose(spec.reference(*cases[0].args), [[0, 0], [0.5, 1 / 3], [1, 1]])
    spec, cases = _cases("standardize", seed)
    r = np.sqrt(1.5)
    np.testing.assert_allclose(spec.reference(*cases[0].args)[:, 0], [-r, 0.0, r])
    spec, cases = _cases("logistic_regression_loss_grad", seed)
    loss, grad = spec.reference(*cases[0].args)
    np.testing.assert_allclose(loss, np.log(2.0))
    np.testing.assert_allclose(grad, [(0.5 * 1 - 0.5 * 3) / 2, (0.5 * 2 - 0.5 * 4) / 2])
    spec, cases = _cases("gaussian_mle", seed)
    np.testing.assert_allclose(spec.reference(*cases[0].args), (2.5, 1.25))
    spec, cases = _cases("solve_equality_qp", seed)
    x, lam = spec.reference(*cases[0].args)
    np.testing.assert_allclose(x, [0.5, 0.5])
    np.testing.assert_allclose(lam, [-1.0])
    x, lam = spec.reference(*cases[1].args)
    np.testing.assert_allclose(x, [-1.0, 0.0, 1.0], atol=1e-15)
    spec, cases = _cases("viterbi", seed)
    path, prob = spec.reference(*cases[0].args)
    np.testing.assert_array_equal(path, [1, 0, 0])
    np.testing.assert_allclose(prob, 0.4 * 0.6 * 0.4 * 0.4 * 0.7 * 0.5)

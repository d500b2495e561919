"""Checks specific to the grader cases of the "Classical ML and math" section.

The generic checks of every spec (case list, determinism, reference, known mistakes, golden answers)
are in tests/test_specs.py.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.linalg
from spec_helpers import SEEDS, SPECS, cases_for


def _cases(name: str, seed):
    spec = SPECS[name]
    return spec, cases_for(spec, seed)


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

"""Oracle tests of reference_impls.classical_ml.

Oracles: scipy.spatial.distance.hamming, scikit-learn (PCA, KMeans, MinMaxScaler,
StandardScaler), scipy (stats.zscore, special.expit/log_expit, stats.norm.fit,
linalg.eigh/null_space/lstsq, optimize.minimize with equality constraints),
torch (BCEWithLogits + autograd), exact rational arithmetic (statistics),
finite differences, plain Python loops written here, brute-force enumeration
(Viterbi) and hand-worked examples.
"""

from __future__ import annotations

import itertools
import math
import statistics
import warnings
from fractions import Fraction

import numpy as np
import pytest
import scipy.linalg
import scipy.optimize
import scipy.spatial.distance
import scipy.special
import scipy.stats
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from reference_impls.classical_ml import (
    classify_critical_point,
    gaussian_mle,
    hamming_distance,
    kmeans,
    kmeans_plus_plus_init,
    logistic_regression_loss_grad,
    min_max_scale,
    pca,
    solve_equality_qp,
    standardize,
    viterbi,
)

# ---------------------------------------------------------------- hamming_distance


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab c中"), st.sampled_from("ab c中")), min_size=1, max_size=30))
def test_hamming_matches_scipy(pairs):
    a = "".join(p[0] for p in pairs)
    b = "".join(p[1] for p in pairs)
    d = hamming_distance(a, b)
    assert isinstance(d, int | np.integer)
    assert d == round(scipy.spatial.distance.hamming(list(a), list(b)) * len(a))
    assert d == hamming_distance(b, a)


def test_hamming_hand_cases():
    assert hamming_distance("karolin", "kathrin") == 3
    assert hamming_distance("1011101", "1001001") == 2
    assert hamming_distance("", "") == 0
    assert hamming_distance("abc", "abc") == 0


@pytest.mark.parametrize("a,b", [("abc", "ab"), ("", "a"), ("abcd", "abcde")])
def test_hamming_length_mismatch_raises(a, b):
    with pytest.raises(ValueError):
        hamming_distance(a, b)


# ---------------------------------------------------------------- pca


def _distinct_variance_data(rng, m, n):
    """Data with clearly distinct principal variances (scales 1, 2, 4, ... in a random basis)."""
    basis = scipy.stats.ortho_group.rvs(n, random_state=rng)
    scales = 2.0 ** np.arange(n)[::-1]
    return (rng.normal(size=(m, n)) * scales) @ basis + rng.normal(size=n) * 5


@pytest.mark.parametrize("m,n,k", [(20, 3, 1), (20, 3, 2), (30, 5, 3), (6, 8, 2), (12, 4, 3)])
def test_pca_matches_sklearn(m, n, k):
    rng = np.random.default_rng(m * 100 + n * 10 + k)
    X = _distinct_variance_data(rng, m, n)
    Z, comps = pca(X.copy(), k)
    assert Z.shape == (m, k) and comps.shape == (k, n)
    assert Z.dtype == np.float64 and comps.dtype == np.float64
    sk = PCA(n_components=k, svd_solver="full").fit(X)
    Zs = sk.transform(X)
    for j in range(k):
        s = np.sign(comps[j] @ sk.components_[j])
        np.testing.assert_allclose(comps[j], s * sk.components_[j], rtol=1e-7, atol=1e-9)
        np.testing.assert_allclose(Z[:, j], s * Zs[:, j], rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(comps @ comps.T, np.eye(k), atol=1e-12)
    var = Z.var(axis=0)
    assert np.all(np.diff(var) < 0)
    np.testing.assert_allclose(var * m / (m - 1), sk.explained_variance_, rtol=1e-8)


def test_pca_hand_case():
    # Points on the line y = x (plus a small orthogonal spread): first direction is (1, 1)/sqrt(2).
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [1.0, 2.0], [2.0, 1.0]])
    Z, comps = pca(X, 1)
    d = comps[0] * np.sign(comps[0, 0])
    np.testing.assert_allclose(d, [1 / math.sqrt(2), 1 / math.sqrt(2)], rtol=1e-12)
    Xc = X - X.mean(axis=0)
    np.testing.assert_allclose(Z[:, 0] * np.sign(comps[0, 0]), Xc @ d, rtol=1e-12, atol=1e-15)


# ---------------------------------------------------------------- kmeans


def _loop_kmeans(X, C, n_iter):
    """Plain-Python Lloyd loop (independent of the vectorised reference)."""
    X = [list(map(float, r)) for r in X]
    C = [list(map(float, r)) for r in C]
    labels = None
    for _ in range(n_iter):
        new = []
        for x in X:
            best, best_d = 0, None
            for j, c in enumerate(C):
                d = sum((a - b) ** 2 for a, b in zip(x, c, strict=True))
                if best_d is None or d < best_d:
                    best, best_d = j, d
            new.append(best)
        if labels is not None and new == labels:
            break
        labels = new
        for j in range(len(C)):
            members = [x for x, lab in zip(X, labels, strict=True) if lab == j]
            if members:
                C[j] = [math.fsum(col) / len(members) for col in zip(*members, strict=True)]
    return np.array(C), np.array(labels)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kmeans_matches_sklearn_on_separated_blobs(seed):
    rng = np.random.default_rng(seed)
    k, n = 3, 2
    means = np.array([[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]])
    X = np.concatenate([means[j] + rng.normal(size=(15, n)) for j in range(k)])
    rng.shuffle(X)
    init = X[rng.choice(len(X), size=k, replace=False)]
    centers, labels = kmeans(X.copy(), init.copy())
    assert centers.shape == (k, n) and centers.dtype == np.float64
    assert labels.shape == (len(X),) and np.issubdtype(labels.dtype, np.integer)
    sk = KMeans(n_clusters=k, init=init, n_init=1, max_iter=100, tol=0.0, algorithm="lloyd").fit(X)
    assert np.all(np.bincount(labels, minlength=k) > 0)  # sklearn relocates empty clusters: avoid them
    np.testing.assert_array_equal(labels, sk.labels_)
    np.testing.assert_allclose(centers, sk.cluster_centers_, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n_iter", [1, 2, 100])
def test_kmeans_matches_plain_loop_including_empty_clusters(seed, n_iter):
    rng = np.random.default_rng(seed)
    X = rng.integers(-5, 6, size=(12, 2)).astype(float)  # small integers: exact distances and ties
    init = rng.integers(-8, 9, size=(4, 2)).astype(float)
    init[3] = [50.0, 50.0]  # far away: this cluster stays empty
    centers, labels = kmeans(X, init, n_iter=n_iter)
    c_loop, l_loop = _loop_kmeans(X, init, n_iter)
    np.testing.assert_array_equal(labels, l_loop)
    np.testing.assert_allclose(centers, c_loop, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(centers[3], [50.0, 50.0])


def test_kmeans_hand_cases():
    X = np.array([[0.0], [1.0], [10.0], [11.0]])
    c, lab = kmeans(X, np.array([[0.0], [5.0], [100.0]]))
    np.testing.assert_allclose(c, [[0.5], [10.5], [100.0]])
    np.testing.assert_array_equal(lab, [0, 0, 1, 1])
    # one iteration: labels are the assignment made before the centers moved
    c, lab = kmeans(X, np.array([[0.0], [1.0]]), n_iter=1)
    np.testing.assert_allclose(c, [[0.0], [22.0 / 3.0]])
    np.testing.assert_array_equal(lab, [0, 1, 1, 1])
    # ties go to the lowest index; the duplicate center gets no sample and keeps its place
    c, lab = kmeans(np.array([[0.0], [2.0]]), np.array([[1.0], [1.0]]))
    np.testing.assert_allclose(c, [[1.0], [1.0]])
    np.testing.assert_array_equal(lab, [0, 0])
    c, lab = kmeans(np.array([[1.0], [3.0], [4.0]]), np.array([[0.0], [2.0], [5.0]]), n_iter=1)
    np.testing.assert_array_equal(lab, [0, 1, 2])  # 1 is equidistant from centers 0 and 2 -> index 0


# ---------------------------------------------------------------- kmeans++


def _loop_kpp(X, k, u):
    """k-means++ with explicit probability intervals [lo, hi) per sample."""
    X = [tuple(map(float, r)) for r in X]
    chosen = [0]
    for j in range(1, k):
        d2 = [min(sum((a - b) ** 2 for a, b in zip(x, X[c], strict=True)) for c in chosen) for x in X]
        total = math.fsum(d2)
        lo = 0.0
        pick = len(X) - 1
        for i, d in enumerate(d2):
            hi = lo + d / total
            if d > 0 and lo <= u[j - 1] < hi:
                pick = i
                break
            lo = hi
        chosen.append(pick)
    return np.array([X[i] for i in chosen])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(1, 5))
def test_kpp_matches_interval_loop(seed, k):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(9, 2))
    u = rng.uniform(0.0, 0.999, size=k - 1)
    C = kmeans_plus_plus_init(X, k, u)
    assert C.shape == (k, 2) and C.dtype == np.float64
    np.testing.assert_array_equal(C[0], X[0])
    np.testing.assert_allclose(C, _loop_kpp(X, k, u), rtol=0, atol=0)
    assert len({tuple(r) for r in C}) == k  # chosen samples are distinct


def test_kpp_hand_case_and_side_right():
    X = np.array([[0.0], [1.0], [3.0], [0.0]])  # D2 from X[0] = [0, 1, 9, 0]; cdf = [0, .1, 1, 1]
    np.testing.assert_array_equal(kmeans_plus_plus_init(X, 2, [0.0]), [[0.0], [1.0]])
    np.testing.assert_array_equal(kmeans_plus_plus_init(X, 2, [0.05]), [[0.0], [1.0]])
    np.testing.assert_array_equal(kmeans_plus_plus_init(X, 2, [0.1]), [[0.0], [3.0]])  # boundary -> right
    np.testing.assert_array_equal(kmeans_plus_plus_init(X, 2, [0.99]), [[0.0], [3.0]])
    # third center: after choosing 3, D2 = [0, 1, 0, 0] -> the only choice is 1
    np.testing.assert_array_equal(kmeans_plus_plus_init(X, 3, [0.5, 0.7]), [[0.0], [3.0], [1.0]])
    np.testing.assert_array_equal(kmeans_plus_plus_init(X, 1, []), [[0.0]])


# ---------------------------------------------------------------- scaling


@pytest.mark.parametrize("shape", [(5, 3), (1, 4), (20, 1)])
def test_min_max_matches_sklearn(shape):
    rng = np.random.default_rng(sum(shape))
    X = rng.normal(size=shape) * rng.uniform(0.5, 100, size=shape[1]) + 3
    out = min_max_scale(X.copy())
    np.testing.assert_allclose(out, MinMaxScaler().fit_transform(X), rtol=1e-12, atol=1e-15)
    assert out.dtype == np.float64 and out.shape == shape


def test_min_max_constant_and_tiny_spread_columns():
    X = np.array([[0.1, 1e-12, 7.0, -3.0], [0.1, 3e-12, 7.0, 5.0], [0.1, 2e-12, 7.0, 1.0]])
    out = min_max_scale(X)
    expected = np.array([[0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0], [0.0, 0.5, 0.0, 0.5]])
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-15)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_min_max_properties(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(4, 3)) * 10.0 ** rng.integers(-8, 8, size=3)
    out = min_max_scale(X)
    np.testing.assert_allclose(out.min(axis=0), 0.0, atol=0)
    np.testing.assert_allclose(out.max(axis=0), 1.0, rtol=1e-15)


@pytest.mark.parametrize("shape", [(5, 3), (2, 4), (30, 1)])
def test_standardize_matches_sklearn_and_scipy(shape):
    rng = np.random.default_rng(7 + sum(shape))
    X = rng.normal(size=shape) * rng.uniform(0.5, 100, size=shape[1]) - 2
    out = standardize(X.copy())
    np.testing.assert_allclose(out, StandardScaler().fit_transform(X), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(out, scipy.stats.zscore(X, axis=0, ddof=0), rtol=1e-10, atol=1e-12)
    assert out.dtype == np.float64 and out.shape == shape


def test_standardize_constant_and_tiny_spread_columns():
    # 0.1 three times has a computed mean of 0.10000000000000002 != 0.1: still a constant column.
    X = np.array([[0.1, 1e-12, 7.0, -1.0], [0.1, 3e-12, 7.0, 1.0], [0.1, 2e-12, 7.0, 0.0]])
    out = standardize(X)
    r = math.sqrt(1.5)
    expected = np.array([[0.0, -r, 0.0, -r], [0.0, r, 0.0, r], [0.0, 0.0, 0.0, 0.0]])
    np.testing.assert_allclose(out, expected, rtol=1e-9, atol=1e-12)


def test_standardize_batch_of_one_is_zero():
    np.testing.assert_array_equal(standardize(np.array([[3.0, -2.0]])), [[0.0, 0.0]])
    np.testing.assert_array_equal(min_max_scale(np.array([[3.0, -2.0]])), [[0.0, 0.0]])


# ---------------------------------------------------------------- logistic regression


def _torch_logreg(w, X, y, l2):
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    z = torch.tensor(X, dtype=torch.float64) @ wt
    loss = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.tensor(y, dtype=torch.float64))
    loss = loss + 0.5 * l2 * (wt**2).sum()
    loss.backward()
    return loss.item(), wt.grad.numpy()


@pytest.mark.parametrize("m,n,l2", [(8, 3, 0.0), (8, 3, 0.3), (1, 4, 0.0), (5, 1, 2.0)])
def test_logreg_matches_torch(m, n, l2):
    rng = np.random.default_rng(m + n)
    w, X = rng.normal(size=n), rng.normal(size=(m, n))
    y = rng.integers(0, 2, size=m).astype(float)
    loss, grad = logistic_regression_loss_grad(w.copy(), X.copy(), y.copy(), l2=l2)
    tl, tg = _torch_logreg(w, X, y, l2)
    assert isinstance(loss, float | np.floating) or np.ndim(loss) == 0
    np.testing.assert_allclose(loss, tl, rtol=1e-12)
    np.testing.assert_allclose(grad, tg, rtol=1e-10, atol=1e-14)
    assert grad.shape == (n,) and grad.dtype == np.float64
    # scipy's log_expit: -log(sigmoid(z)) and -log(1 - sigmoid(z)) = -log_expit(-z)
    z = X @ w
    sp = np.mean(-y * scipy.special.log_expit(z) - (1 - y) * scipy.special.log_expit(-z)) + 0.5 * l2 * w @ w
    np.testing.assert_allclose(loss, sp, rtol=1e-12)


def test_logreg_gradient_matches_finite_differences():
    rng = np.random.default_rng(11)
    w, X = rng.normal(size=4), rng.normal(size=(7, 4))
    y = rng.integers(0, 2, size=7)
    _, grad = logistic_regression_loss_grad(w, X, y, l2=0.7)
    h = 1e-6
    fd = np.array(
        [
            (
                logistic_regression_loss_grad(w + h * e, X, y, 0.7)[0]
                - logistic_regression_loss_grad(w - h * e, X, y, 0.7)[0]
            )
            / (2 * h)
            for e in np.eye(4)
        ]
    )
    np.testing.assert_allclose(grad, fd, rtol=1e-6, atol=1e-8)


def test_logreg_stable_at_large_logits():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]])
    w = np.array([1e4, -1e4])
    y = np.array([0.0, 1.0, 1.0, 1.0])  # z = [1e4, -1e4, 0, -1e4]: three confident mistakes
    with warnings.catch_warnings(), np.errstate(under="ignore"):
        warnings.simplefilter("error", RuntimeWarning)
        loss, grad = logistic_regression_loss_grad(w, X, y)
    expected = (1e4 + 1e4 + math.log(2) + 1e4) / 4
    np.testing.assert_allclose(loss, expected, rtol=1e-12)
    tl, tg = _torch_logreg(w, X, y, 0.0)
    np.testing.assert_allclose(loss, tl, rtol=1e-12)
    np.testing.assert_allclose(grad, tg, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(scipy.special.expit(X @ w) - y, [1.0, -1.0, -0.5, -1.0])


# ---------------------------------------------------------------- gaussian_mle


@pytest.mark.parametrize("m", [1, 2, 10, 200])
def test_gaussian_mle_matches_exact_fractions_and_scipy(m):
    rng = np.random.default_rng(m)
    x = rng.normal(loc=3.0, scale=2.0, size=m)
    mu, var = gaussian_mle(x.copy())
    fr = [Fraction(v) for v in x]
    np.testing.assert_allclose(mu, float(statistics.fmean(x)), rtol=1e-14)
    np.testing.assert_allclose(var, float(statistics.pvariance(fr)), rtol=1e-12, atol=1e-300)
    if m > 1:
        loc, scale = scipy.stats.norm.fit(x)
        np.testing.assert_allclose([mu, var], [loc, scale**2], rtol=1e-10)
    assert np.ndim(mu) == 0 and np.ndim(var) == 0


def test_gaussian_mle_large_offset():
    rng = np.random.default_rng(99)
    x = 1e9 + rng.normal(size=500)
    mu, var = gaussian_mle(x)
    exact_var = float(statistics.pvariance([Fraction(v) for v in x]))
    np.testing.assert_allclose(mu, float(statistics.mean([Fraction(v) for v in x])), rtol=1e-15)
    np.testing.assert_allclose(var, exact_var, rtol=1e-9)
    # the one-pass formula E[x^2] - E[x]^2 is far off here (this is what the reference avoids)
    assert abs(np.mean(x**2) - np.mean(x) ** 2 - exact_var) > 1e-3


# ---------------------------------------------------------------- classify_critical_point


def _with_eigenvalues(lam, seed):
    lam = np.asarray(lam, dtype=float)
    Qm = scipy.stats.ortho_group.rvs(len(lam), random_state=seed)
    H = Qm @ np.diag(lam) @ Qm.T
    return (H + H.T) / 2


@pytest.mark.parametrize(
    "lam,expected",
    [
        ([1.0, 2.0, 3.0], "minimum"),
        ([-1.0, -0.5], "maximum"),
        ([2.0, -1.0, 0.5], "saddle"),
        ([1.0, -1.0, 0.0], "saddle"),  # saddle wins over degenerate
        ([1.0, 0.0, 3.0], "degenerate"),
        ([-1.0, -2.0, 0.0], "degenerate"),
        ([1.0, 1e-12, 2.0], "degenerate"),
        ([1.0, 1e-8, 2.0], "minimum"),
        ([-1e-12, -1.0], "degenerate"),
        ([4.0], "minimum"),
    ],
)
def test_classify_with_known_eigenvalues(lam, expected):
    for seed in (0, 1):
        H = _with_eigenvalues(lam, seed) if len(lam) > 1 else np.array([[lam[0]]])
        assert classify_critical_point(H.copy()) == expected
        ev = scipy.linalg.eigh(H, eigvals_only=True)
        np.testing.assert_allclose(np.sort(ev), np.sort(lam), atol=1e-13)


def test_classify_hand_cases():
    assert classify_critical_point(np.array([[1.0, 2.0], [2.0, 1.0]])) == "saddle"  # positive diagonal
    assert classify_critical_point(np.array([[2.0, 0.0], [0.0, 3.0]])) == "minimum"
    assert classify_critical_point(np.zeros((2, 2))) == "degenerate"
    assert classify_critical_point(-np.eye(3)) == "maximum"
    assert classify_critical_point(np.diag([-1.0, -1.0, 1.0])) == "saddle"  # det > 0 yet a saddle


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_classify_random_symmetric_matches_scipy_eigh(seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(4, 4))
    H = M + M.T
    ev = scipy.linalg.eigh(H, eigvals_only=True)
    if ev.max() > 1e-10 and ev.min() < -1e-10:
        expected = "saddle"
    elif np.any(np.abs(ev) <= 1e-10):
        expected = "degenerate"
    else:
        expected = "minimum" if ev.min() > 0 else "maximum"
    assert classify_critical_point(H) == expected


# ---------------------------------------------------------------- solve_equality_qp


def _random_qp(rng, n, p, indefinite=False):
    A = rng.normal(size=(p, n))
    b = rng.normal(size=p)
    c = rng.normal(size=n)
    M = rng.normal(size=(n, n))
    Q = M @ M.T + 0.5 * np.eye(n)
    if indefinite:
        # negative curvature only along the row space of A: still PD on null(A)
        Q = Q - 20.0 * A.T @ A / np.linalg.norm(A) ** 2 * np.linalg.norm(Q)
        N = scipy.linalg.null_space(A)
        assert np.linalg.eigvalsh(N.T @ Q @ N).min() > 0
        assert np.linalg.eigvalsh(Q).min() < 0
    return Q, c, A, b


@pytest.mark.parametrize("n,p,indefinite", [(2, 1, False), (4, 2, False), (5, 1, True), (3, 3, False)])
def test_qp_matches_null_space_method_and_scipy(n, p, indefinite):
    rng = np.random.default_rng(n * 10 + p)
    Q, c, A, b = _random_qp(rng, n, p, indefinite)
    x, lam = solve_equality_qp(Q.copy(), c.copy(), A.copy(), b.copy())
    assert x.shape == (n,) and lam.shape == (p,)
    # null-space method: x = x_p + N z with A x_p = b, minimise over z
    x_p = scipy.linalg.lstsq(A, b)[0]
    N = scipy.linalg.null_space(A)
    if N.shape[1]:
        z = scipy.linalg.solve(N.T @ Q @ N, -N.T @ (Q @ x_p + c))
        x_ns = x_p + N @ z
    else:
        x_ns = x_p
    np.testing.assert_allclose(x, x_ns, rtol=1e-9, atol=1e-10)
    lam_ls = scipy.linalg.lstsq(A.T, -(Q @ x_ns + c))[0]
    np.testing.assert_allclose(lam, lam_ls, rtol=1e-8, atol=1e-10)
    if not indefinite and N.shape[1]:
        res = scipy.optimize.minimize(
            lambda v: 0.5 * v @ Q @ v + c @ v,
            np.zeros(n),
            jac=lambda v: Q @ v + c,
            constraints=[{"type": "eq", "fun": lambda v: A @ v - b, "jac": lambda v: A}],
            method="SLSQP",
            options={"ftol": 1e-14, "maxiter": 500},
        )
        np.testing.assert_allclose(x, res.x, rtol=1e-5, atol=1e-6)


def test_qp_hand_case():
    # minimise x^2 + y^2 subject to x + y = 1: x = y = 1/2; 2x + lam = 0 -> lam = -1
    x, lam = solve_equality_qp(2 * np.eye(2), np.zeros(2), np.array([[1.0, 1.0]]), np.array([1.0]))
    np.testing.assert_allclose(x, [0.5, 0.5], rtol=1e-12)
    np.testing.assert_allclose(lam, [-1.0], rtol=1e-12)


# ---------------------------------------------------------------- viterbi


def _random_hmm(rng, S, O):
    pi = rng.dirichlet(np.ones(S))
    A = rng.dirichlet(np.ones(S), size=S)
    B = rng.dirichlet(np.ones(O), size=S)
    return pi, A, B


def _brute_force(pi, A, B, obs):
    best, best_p, probs = None, -1.0, []
    for path in itertools.product(range(len(pi)), repeat=len(obs)):
        p = pi[path[0]] * B[path[0], obs[0]]
        for t in range(1, len(obs)):
            p *= A[path[t - 1], path[t]] * B[path[t], obs[t]]
        probs.append(p)
        if p > best_p:
            best, best_p = path, p
    probs.sort()
    unique = len(probs) < 2 or probs[-1] > probs[-2] * (1 + 1e-9)
    return np.array(best), best_p, unique


@pytest.mark.parametrize("seed", range(8))
def test_viterbi_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    S, O = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    T = int(rng.integers(1, 6))
    pi, A, B = _random_hmm(rng, S, O)
    obs = rng.integers(0, O, size=T)
    path, prob = viterbi(pi.copy(), A.copy(), B.copy(), obs.copy())
    bf_path, bf_p, unique = _brute_force(pi, A, B, obs)
    assert unique
    np.testing.assert_array_equal(path, bf_path)
    assert path.shape == (T,) and np.issubdtype(path.dtype, np.integer)
    np.testing.assert_allclose(prob, bf_p, rtol=1e-12)


def test_viterbi_with_zero_probabilities_matches_brute_force():
    pi = np.array([1.0, 0.0, 0.0])
    A = np.array([[0.0, 1.0, 0.0], [0.0, 0.2, 0.8], [0.5, 0.0, 0.5]])
    B = np.array([[0.9, 0.1], [0.3, 0.7], [0.0, 1.0]])
    obs = np.array([0, 1, 1, 0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        path, prob = viterbi(pi, A, B, obs)
    bf_path, bf_p, unique = _brute_force(pi, A, B, obs)
    assert unique
    np.testing.assert_array_equal(path, bf_path)
    np.testing.assert_allclose(prob, bf_p, rtol=1e-12)


def test_viterbi_hand_case():
    # Classic two-state example (Rainy/Sunny; walk/shop/clean), worked out by hand.
    pi = np.array([0.6, 0.4])
    A = np.array([[0.7, 0.3], [0.4, 0.6]])
    B = np.array([[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]])
    path, prob = viterbi(pi, A, B, np.array([0, 1, 2]))
    np.testing.assert_array_equal(path, [1, 0, 0])
    np.testing.assert_allclose(prob, 0.4 * 0.6 * 0.4 * 0.4 * 0.7 * 0.5, rtol=1e-12)


def test_viterbi_long_sequence_underflows_but_path_is_right():
    # Uniform transitions: the best path simply follows the dominant emission of each observation.
    rng = np.random.default_rng(4)
    S, T = 3, 2000
    pi = np.full(S, 1 / S)
    A = np.full((S, S), 1 / S)
    B = np.full((S, S), 0.05) + 0.85 * np.eye(S)
    obs = rng.integers(0, S, size=T)
    path, prob = viterbi(pi, A, B, obs)
    np.testing.assert_array_equal(path, obs)
    assert prob == 0.0  # (1/3 * 0.9)^2000 underflows


def test_viterbi_long_sequence_is_locally_optimal():
    rng = np.random.default_rng(8)
    S, O, T = 3, 4, 300
    pi, A, B = _random_hmm(rng, S, O)
    obs = rng.integers(0, O, size=T)
    path, _ = viterbi(pi, A, B, obs)

    def logp(p):
        s = math.log(pi[p[0]]) + math.log(B[p[0], obs[0]])
        return s + sum(math.log(A[p[t - 1], p[t]]) + math.log(B[p[t], obs[t]]) for t in range(1, T))

    best = logp(path)
    for t in range(0, T, 7):
        for s in range(S):
            if s != path[t]:
                q = path.copy()
                q[t] = s
                assert logp(q) < best

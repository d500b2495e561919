"""Grader cases and known mistakes: "Classical ML and math".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases aimed
at the classic bugs (length mismatch, constant and tiny-spread columns, empty
clusters and distance ties in k-means, |z| = 1e4 logits, a 1e9 offset for the
variance, zero or tiny eigenvalues, long sequences that underflow in Viterbi ...).
Preconditions of the catalogue hold for every seed (checked in the tests):
distinct top k+1 variances for PCA, a unique best path for Viterbi.
"""

from __future__ import annotations

import numpy as np

from reference_impls import classical_ml as ref

from ..spec import Case, FunctionSpec, Mistake

# ---------------------------------------------------------------- helpers


def _a(rows) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def _rotation(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    return q * np.sign(np.diag(r))


# ================================================================ hamming_distance


def _hamming_cases(rng: np.random.Generator) -> list[Case]:
    def rand_pair(n: int, alphabet: str = "acgt") -> tuple[str, str]:
        a = "".join(rng.choice(list(alphabet), size=n))
        b = "".join(rng.choice(list(alphabet), size=n))
        return a, b

    return [
        Case("fixed 'karolin' vs 'kathrin'", ("karolin", "kathrin")),
        Case("fixed binary strings", ("1011101", "1001001")),
        Case("random DNA, length 12", rand_pair(12)),
        Case("random DNA, length 40", rand_pair(40)),
        Case("random binary, length 25", rand_pair(25, "01")),
        Case("identical strings", ("gradient", "gradient")),
        Case("empty strings", ("", "")),
        Case("every position differs", ("abcd", "bcda")),
        Case("upper and lower case differ", ("Adam", "adam")),
        Case("non-ASCII characters", ("深度学习", "深度强化")),
        Case("different lengths", ("abc", "ab"), raises="ValueError"),
        Case("one string empty", ("", "a"), raises="ValueError"),
    ]


def _hamming_no_length_check(a, b):
    return sum(x != y for x, y in zip(a, b, strict=False))


def _hamming_counts_matches(a, b):
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return sum(x == y for x, y in zip(a, b, strict=True))


def _hamming_case_insensitive(a, b):
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return sum(x != y for x, y in zip(a.lower(), b.lower(), strict=True))


# ================================================================ pca


def _pca_data(rng: np.random.Generator, m: int, n: int, offset: float = 0.0) -> np.ndarray:
    """m samples in a random basis with principal std 3, 1.67, 0.93, ... (clearly distinct)."""
    scales = 3.0 * (1.8 ** -np.arange(n))
    return (rng.normal(size=(m, n)) * scales) @ _rotation(rng, n) + offset + rng.normal(size=n)


def _pca_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 4 points in 2-D, k = 1", (_a([[2, 0], [0, 1], [-2, 0], [0, -1]]), 1)),
        Case(
            "fixed 3-D axes, k = 2",
            (_a([[4, 0, 1], [-2, 0, 1], [1, 2, 1], [1, -2, 1], [1, 0, 2], [1, 0, 0]]), 2),
        ),
        Case("random (20, 3), k = 2", (_pca_data(rng, 20, 3), 2)),
        Case("random (30, 5), k = 3", (_pca_data(rng, 30, 5), 3)),
        Case("random (15, 4), k = 1", (_pca_data(rng, 15, 4), 1)),
        Case("fewer samples than features (6, 8), k = 2", (_pca_data(rng, 6, 8), 2)),
        Case("large mean offset 1e3", (_pca_data(rng, 25, 3, offset=1e3), 2)),
        Case("k = n - 1", (_pca_data(rng, 40, 4), 3)),
        Case("features on very different scales", (_pca_data(rng, 30, 3) * _a([100.0, 1.0, 0.01]), 2)),
    ]


def _pca_no_centering(X, k):
    X = np.asarray(X, dtype=np.float64)
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    return X @ Vt[:k].T, Vt[:k]


def _pca_eigh_smallest(X, k):
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)
    _, vecs = np.linalg.eigh(Xc.T @ Xc / len(X))
    comps = vecs[:, :k].T
    return Xc @ comps.T, comps


def _pca_vt_columns(X, k):
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    comps = Vt[:, :k].T  # on wide data (m < n) this is (k, m) and the projection below raises, as it would
    return Xc @ comps.T, comps


def _pca_standardized(X, k):
    X = np.asarray(X, dtype=np.float64)
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    _, _, Vt = np.linalg.svd(Xs, full_matrices=False)
    return Xs @ Vt[:k].T, Vt[:k]


# ================================================================ kmeans


def _blobs(rng: np.random.Generator, k: int, n: int, per: int) -> tuple[np.ndarray, np.ndarray]:
    """k well-separated blobs, shuffled; init = one sample of each blob, shuffled."""
    means = rng.normal(scale=8.0, size=(k, n))
    X = np.concatenate([means[j] + rng.normal(size=(per, n)) for j in range(k)])
    order = rng.permutation(len(X))
    X = X[order]
    init = X[rng.choice(len(X), size=k, replace=False)]
    return X, init


def _kmeans_cases(rng: np.random.Generator) -> list[Case]:
    x4 = _a([[0], [1], [10], [11]])
    X1, C1 = _blobs(rng, 3, 2, 6)
    X2, C2 = _blobs(rng, 2, 3, 8)
    X3, C3 = _blobs(rng, 4, 2, 5)
    X4, C4 = _blobs(rng, 3, 2, 7)
    return [
        Case("fixed 1-D, 4 points, 2 centers", (x4, _a([[0], [1]]))),
        Case("fixed one iteration (n_iter = 1)", (x4, _a([[0], [1]]), 1)),
        Case("fixed empty cluster keeps its center", (x4, _a([[0], [5], [100]]))),
        Case("random 3 blobs in 2-D", (X1, C1)),
        Case("random 2 blobs in 3-D", (X2, C2)),
        Case("random 4 blobs, n_iter = 2", (X3, C3, 2)),
        Case("random 3 blobs, far initial centers", (X4, C4 + 20.0)),
        Case("distance ties go to the lowest index", (_a([[1], [3], [4], [0]]), _a([[0], [2], [5]]))),
        Case("duplicate initial centers", (_a([[0, 0], [2, 0], [0, 2]]), _a([[1, 1], [1, 1]]))),
        Case("ties in 2-D", (_a([[0, 0], [2, 2], [2, 0], [4, 2]]), _a([[1, 1], [3, 1], [9, 9]]))),
        Case("centers already at the means", (x4, _a([[0.5], [10.5]]))),
        Case("single center (k = 1)", (X1, X1[:1])),
        Case("one sample, two centers", (_a([[1.0, 2.0]]), _a([[0.0, 0.0], [5.0, 5.0]]))),
    ]


def _lloyd(X, init_centers, n_iter, assign, update, relabel=False):
    X = np.asarray(X, dtype=np.float64)
    C = np.array(init_centers, dtype=np.float64)
    labels = None
    for _ in range(n_iter):
        new = assign(X, C)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        C = update(X, C, labels)
    if relabel:
        labels = assign(X, C)
    return C, labels


def _assign_lowest(X, C):
    return np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(-1), axis=1)


def _assign_highest(X, C):
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)
    return C.shape[0] - 1 - np.argmin(d[:, ::-1], axis=1)


def _update_keep(X, C, labels):
    C = C.copy()
    for j in range(C.shape[0]):
        if np.any(labels == j):
            C[j] = X[labels == j].mean(axis=0)
    return C


def _update_mean_always(X, C, labels):
    return np.array([X[labels == j].mean(axis=0) for j in range(C.shape[0])])


def _kmeans_empty_nan(X, init_centers, n_iter=100):
    return _lloyd(X, init_centers, n_iter, _assign_lowest, _update_mean_always)


def _kmeans_labels_after_move(X, init_centers, n_iter=100):
    return _lloyd(X, init_centers, n_iter, _assign_lowest, _update_keep, relabel=True)


def _kmeans_ties_to_last(X, init_centers, n_iter=100):
    return _lloyd(X, init_centers, n_iter, _assign_highest, _update_keep)


# ================================================================ kmeans++


def _kpp_cases(rng: np.random.Generator) -> list[Case]:
    x = _a([[0], [1], [3], [0]])
    return [
        Case("fixed 1-D, k = 2, u = 0.05", (x, 2, _a([0.05]))),
        Case("fixed u on a cdf boundary (side='right')", (x, 2, _a([0.1]))),
        Case("fixed 1-D, k = 3", (x, 3, _a([0.5, 0.7]))),
        Case("random (10, 2), k = 3", (rng.normal(size=(10, 2)), 3, rng.uniform(size=2))),
        Case("random (12, 3), k = 5", (rng.normal(size=(12, 3)), 5, rng.uniform(size=4))),
        Case("random (8, 2), k = 4", (rng.normal(size=(8, 2)) * 5, 4, rng.uniform(size=3))),
        Case("k = 1 (no uniforms)", (rng.normal(size=(5, 2)), 1, np.zeros(0))),
        Case("u = 0 skips zero-distance samples", (_a([[1, 1], [1, 1], [4, 5], [1, 2]]), 2, _a([0.0]))),
        Case("distance to the nearest center, not the last", (_a([[0], [10], [1], [9]]), 3, _a([0.99, 0.3]))),
        Case("duplicate samples", (_a([[0, 0], [0, 0], [3, 0], [3, 0], [0, 4]]), 3, _a([0.2, 0.1]))),
    ]


def _kpp_generic(X, k, u, weight, side="right", nearest=True):
    X = np.asarray(X, dtype=np.float64)
    u = np.asarray(u, dtype=np.float64).reshape(-1)
    chosen = [0]
    d2 = ((X - X[0]) ** 2).sum(axis=1)
    for j in range(1, k):
        w = weight(d2)
        idx = min(int(np.searchsorted(np.cumsum(w) / w.sum(), u[j - 1], side=side)), len(X) - 1)
        chosen.append(idx)
        d_new = ((X - X[idx]) ** 2).sum(axis=1)
        d2 = np.minimum(d2, d_new) if nearest else d_new
    return X[chosen].copy()


def _kpp_last_center(X, k, u):
    return _kpp_generic(X, k, u, lambda d2: d2, nearest=False)


def _kpp_side_left(X, k, u):
    return _kpp_generic(X, k, u, lambda d2: d2, side="left")


def _kpp_not_squared(X, k, u):
    return _kpp_generic(X, k, u, np.sqrt)


# ================================================================ scaling


def _scale_data(rng: np.random.Generator, m: int, n: int) -> np.ndarray:
    return rng.normal(size=(m, n)) * rng.uniform(0.5, 50.0, size=n) + rng.uniform(-20, 20, size=n)


def _min_max_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 3x2", (_a([[1, 10], [2, 20], [3, 40]]),)),
        Case("fixed negative values", (_a([[-1, 0], [1, -5], [0, 5]]),)),
        Case("random (5, 3)", (_scale_data(rng, 5, 3),)),
        Case("random (8, 2)", (_scale_data(rng, 8, 2),)),
        Case("random (4, 6)", (_scale_data(rng, 4, 6),)),
        Case("constant columns become 0", (_a([[0.1, 1, 7], [0.1, 2, 7], [0.1, 4, 7]]),)),
        Case("tiny spread 1e-12 is still scaled", (_a([[1e-12, 5], [3e-12, 6], [2e-12, 7]]),)),
        Case("batch of one sample", (_a([[3, -2, 0.5]]),)),
        Case("single column", (rng.normal(size=(6, 1)),)),
        Case("large offset 1e6", (_a([[1e6, 1], [1e6 + 1, 2], [1e6 + 3, 0]]),)),
    ]


def _min_max_eps(X):
    X = np.asarray(X, dtype=np.float64)
    lo = X.min(axis=0)
    return (X - lo) / (X.max(axis=0) - lo + 1e-8)


def _min_max_nan(X):
    X = np.asarray(X, dtype=np.float64)
    lo = X.min(axis=0)
    return (X - lo) / (X.max(axis=0) - lo)


def _min_max_global(X):
    X = np.asarray(X, dtype=np.float64)
    span = X.max() - X.min()
    return (X - X.min()) / span if span > 0 else np.zeros_like(X)


def _min_max_rows(X):
    return ref.min_max_scale(np.asarray(X, dtype=np.float64).T).T


def _standardize_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 3x2", (_a([[1, 2], [2, 4], [3, 9]]),)),
        Case("random (5, 3)", (_scale_data(rng, 5, 3),)),
        Case("random (10, 2)", (_scale_data(rng, 10, 2),)),
        Case("random (4, 5)", (_scale_data(rng, 4, 5),)),
        Case("constant column becomes 0", (_a([[7, 1], [7, 2], [7, 4]]),)),
        Case("constant 0.1 column (its mean is not 0.1)", (_a([[0.1, 1], [0.1, 2], [0.1, 4]]),)),
        Case("tiny spread 1e-12 is still scaled", (_a([[1e-12, 5], [3e-12, 6], [2e-12, 7]]),)),
        Case("batch of one sample", (_a([[3, -2, 0.5]]),)),
        Case("two samples", (rng.normal(size=(2, 3)),)),
        Case("large offset 1e6", (_a([[1e6, 1], [1e6 + 1, 2], [1e6 + 3, 0]]),)),
    ]


def _standardize_ddof1(X):
    X = np.asarray(X, dtype=np.float64)
    out = np.zeros_like(X)
    ok = X.max(axis=0) > X.min(axis=0)
    out[:, ok] = (X[:, ok] - X[:, ok].mean(axis=0)) / X[:, ok].std(axis=0, ddof=1)
    return out


def _standardize_eps(X):
    X = np.asarray(X, dtype=np.float64)
    return (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-8)


def _standardize_std_zero_check(X):
    X = np.asarray(X, dtype=np.float64)
    mu, sd = X.mean(axis=0), X.std(axis=0)
    safe = np.where(sd == 0, 1.0, sd)
    return np.where(sd == 0, 0.0, (X - mu) / safe)


def _standardize_nan(X):
    X = np.asarray(X, dtype=np.float64)
    return (X - X.mean(axis=0)) / X.std(axis=0)


# ================================================================ logistic regression


def _logreg_cases(rng: np.random.Generator) -> list[Case]:
    def rand(m: int, n: int, l2: float = 0.0):
        w, X = rng.normal(size=n), rng.normal(size=(m, n))
        y = rng.integers(0, 2, size=m).astype(np.float64)
        return (w, X, y, l2)

    Xl = _a([[1, 0], [0, 1], [1, 1], [-1, 0]])
    return [
        Case("fixed w = 0 (loss = log 2)", (np.zeros(2), _a([[1, 2], [3, 4]]), _a([0, 1]))),
        Case("fixed with l2 = 1", (_a([1, -1]), _a([[1, 0], [0, 2]]), _a([1, 1]), 1.0)),
        Case("random (6, 3)", rand(6, 3)),
        Case("random (10, 4), l2 = 0.1", rand(10, 4, 0.1)),
        Case("batch of 1", rand(1, 3)),
        Case("single feature, l2 = 2", rand(5, 1, 2.0)),
        Case("large |z| = 1e4, confident mistakes", (_a([1e4, -1e4]), Xl, _a([0, 1, 1, 1]))),
        Case("large |z| = 1e4, all correct", (_a([1e4, -1e4]), Xl, _a([1, 0, 1, 0]))),
        Case(
            "labels as an int array",
            (rng.normal(size=3), rng.normal(size=(7, 3)), np.array([0, 1, 1, 0, 1, 0, 0])),
        ),
        Case(
            "moderate logits |z| ~ 40",
            (_a([20.0, -20.0]), rng.normal(size=(6, 2)), _a([1, 0, 0, 1, 1, 0]), 0.01),
        ),
    ]


def _sigmoid_stable(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _logreg_naive(w, X, y, l2=0.0):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    p = 1.0 / (1.0 + np.exp(-(X @ w)))
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * l2 * w @ w
    return float(loss), X.T @ (p - y) / len(y) + l2 * w


def _logreg_clipped(w, X, y, l2=0.0):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    p = np.clip(_sigmoid_stable(X @ w), 1e-15, 1 - 1e-15)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * l2 * w @ w
    return float(loss), X.T @ (p - y) / len(y) + l2 * w


def _logreg_sum(w, X, y, l2=0.0):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    z = X @ w
    loss = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * w @ w
    return float(loss), X.T @ (_sigmoid_stable(z) - y) + l2 * w


def _logreg_l2_no_half(w, X, y, l2=0.0):
    w = np.asarray(w, float)
    loss, grad = ref.logistic_regression_loss_grad(w, X, y, 0.0)
    return loss + l2 * float(w @ w), grad + 2 * l2 * w


# ================================================================ gaussian_mle


def _gauss_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed [1, 2, 3, 4]", (_a([1, 2, 3, 4]),)),
        Case("fixed two samples", (_a([-1, 3]),)),
        Case("random N(3, 2), 10 samples", (rng.normal(3.0, 2.0, size=10),)),
        Case("random N(-5, 0.5), 50 samples", (rng.normal(-5.0, 0.5, size=50),)),
        Case("random N(0, 1), 200 samples", (rng.normal(size=200),)),
        Case("single sample", (_a([2.5]),)),
        Case("large offset 1e9 + N(0, 1)", (1e9 + rng.normal(size=200),)),
        Case("large offset -1e8 + N(0, 0.01)", (-1e8 + rng.normal(0.0, 0.01, size=100),)),
        Case("constant samples", (np.full(5, 0.1),)),
    ]


def _gauss_ddof1(x):
    x = np.asarray(x, dtype=np.float64)
    return float(x.mean()), float(np.var(x, ddof=1))


def _gauss_one_pass(x):
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean()
    return float(mu), float(np.mean(x * x) - mu * mu)


def _gauss_std(x):
    x = np.asarray(x, dtype=np.float64)
    return float(x.mean()), float(x.std())


# ================================================================ classify_critical_point


def _with_eigenvalues(rng: np.random.Generator, lam) -> np.ndarray:
    Q = _rotation(rng, len(lam))
    H = Q @ np.diag(np.asarray(lam, dtype=np.float64)) @ Q.T
    return (H + H.T) / 2


def _critical_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed diag(2, 3)", (_a([[2, 0], [0, 3]]),)),
        Case("fixed [[1, 2], [2, 1]]", (_a([[1, 2], [2, 1]]),)),
        Case("fixed -I (3x3)", (-np.eye(3),)),
        Case("random minimum 3x3", (_with_eigenvalues(rng, rng.uniform(0.5, 3.0, size=3)),)),
        Case("random maximum 4x4", (_with_eigenvalues(rng, -rng.uniform(0.5, 3.0, size=4)),)),
        Case("random saddle 3x3", (_with_eigenvalues(rng, [rng.uniform(0.5, 2), -rng.uniform(0.5, 2), 1.0]),)),
        Case("zero eigenvalue", (_with_eigenvalues(rng, [1.0, 0.0, 2.0]),)),
        Case("saddle with a zero eigenvalue", (_with_eigenvalues(rng, [1.0, -1.0, 0.0]),)),
        Case("eigenvalue 1e-12 counts as zero", (np.diag([1.0, 1e-12, 2.0]),)),
        Case("eigenvalue 1e-8 is positive", (np.diag([1.0, 1e-8, 2.0]),)),
        Case("det > 0 yet a saddle", (_with_eigenvalues(rng, [-1.0, -2.0, 1.5]),)),
        Case("1x1 Hessian", (_a([[-0.5]]),)),
        Case("zero matrix", (np.zeros((2, 2)),)),
        Case("negative semidefinite", (_with_eigenvalues(rng, [-1.0, 0.0]),)),
    ]


def _classify_by_lam(lam, tol=1e-10, degenerate_first=False):
    pos, neg, zero = np.any(lam > tol), np.any(lam < -tol), np.any(np.abs(lam) <= tol)
    if degenerate_first and zero:
        return "degenerate"
    if pos and neg:
        return "saddle"
    if zero:
        return "degenerate"
    return "minimum" if pos else "maximum"


def _critical_diagonal(H):
    return _classify_by_lam(np.diag(np.asarray(H, dtype=np.float64)))


def _critical_determinant(H):
    H = np.asarray(H, dtype=np.float64)
    det = np.linalg.det(H)
    if abs(det) <= 1e-10:
        return "degenerate"
    if det < 0:
        return "saddle"
    return "minimum" if np.trace(H) > 0 else "maximum"


def _critical_degenerate_first(H):
    return _classify_by_lam(np.linalg.eigvalsh(np.asarray(H, dtype=np.float64)), degenerate_first=True)


def _critical_exact_zero(H):
    return _classify_by_lam(np.linalg.eigvalsh(np.asarray(H, dtype=np.float64)), tol=0.0)


# ================================================================ solve_equality_qp


def _qp(rng: np.random.Generator, n: int, p: int, indefinite: bool = False):
    A = rng.normal(size=(p, n))
    M = rng.normal(size=(n, n))
    Q = M @ M.T + 0.5 * np.eye(n)
    if indefinite:
        # negative curvature along the row space of A only; on null(A), Q stays positive definite
        P = A.T @ np.linalg.solve(A @ A.T, A)
        Q = Q - (np.linalg.norm(Q, 2) + 1.0) * 2.0 * P
    return Q, rng.normal(size=n), A, rng.normal(size=p)


def _qp_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed x^2 + y^2 s.t. x + y = 1", (2 * np.eye(2), np.zeros(2), _a([[1, 1]]), _a([1]))),
        Case("fixed 3-D with a linear term", (np.eye(3), _a([1, 0, -1]), _a([[1, 1, 1]]), _a([0]))),
        Case("fixed two constraints", (np.eye(3), _a([1, 1, 1]), _a([[1, 0, 0], [0, 1, 0]]), _a([1, 2]))),
        Case("random n=4, p=2", _qp(rng, 4, 2)),
        Case("random n=5, p=1", _qp(rng, 5, 1)),
        Case("random n=6, p=3", _qp(rng, 6, 3)),
        Case("Q indefinite, PD on the null space of A", _qp(rng, 4, 2, indefinite=True)),
        Case("p = n: the constraints fix x", _qp(rng, 3, 3)),
        Case("badly scaled Q", (np.diag([1e3, 1.0, 1e-2]), _a([1, -2, 3]), _a([[1, 1, 1]]), _a([2]))),
    ]


def _qp_lam_sign(Q, c, A, b):
    x, lam = ref.solve_equality_qp(Q, c, A, b)
    return x, -lam


def _qp_rhs_sign(Q, c, A, b):
    return ref.solve_equality_qp(Q, -np.asarray(c, dtype=np.float64), A, b)


def _qp_unconstrained(Q, c, A, b):
    x = np.linalg.solve(np.asarray(Q, dtype=np.float64), -np.asarray(c, dtype=np.float64))
    return x, np.zeros(np.atleast_2d(A).shape[0])


# ================================================================ viterbi


def _hmm(rng: np.random.Generator, S: int, O: int):
    return rng.dirichlet(np.ones(S)), rng.dirichlet(np.ones(S), size=S), rng.dirichlet(np.ones(O), size=S)


def _viterbi_cases(rng: np.random.Generator) -> list[Case]:
    weather = (_a([0.6, 0.4]), _a([[0.7, 0.3], [0.4, 0.6]]), _a([[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]))
    cases = [
        Case("fixed 2 states, 3 observations", (*weather, np.array([0, 1, 2]))),
        Case("fixed single observation", (*weather, np.array([2]))),
    ]
    for S, O, T in ((2, 3, 5), (3, 2, 6), (3, 4, 7), (4, 3, 5)):
        cases.append(Case(f"random S={S}, O={O}, T={T}", (*_hmm(rng, S, O), rng.integers(0, O, size=T))))
    cases += [
        Case(
            "zero probabilities in pi, A and B",
            (
                _a([1, 0, 0]),
                _a([[0, 1, 0], [0, 0.2, 0.8], [0.5, 0, 0.5]]),
                _a([[0.9, 0.1], [0.3, 0.7], [0, 1]]),
                np.array([0, 1, 1, 0, 1]),
            ),
        ),
        Case(
            "asymmetric transitions: A[i, j] is i -> j",
            (
                _a([0.5, 0.5]),
                _a([[0.1, 0.9], [0.2, 0.8]]),
                _a([[0.6, 0.4], [0.5, 0.5]]),
                np.array([0, 0, 0, 0]),
            ),
        ),
        Case(
            "greedy per-step choice is wrong",
            (
                _a([0.5, 0.5]),
                _a([[0.95, 0.05], [0.05, 0.95]]),
                _a([[0.55, 0.45], [0.45, 0.55]]),
                np.array([0, 1, 0, 0]),
            ),
        ),
        Case(
            "long sequence T = 1000 (probability underflows)",
            (*_hmm(rng, 3, 4), rng.integers(0, 4, size=1000)),
        ),
    ]
    return cases


def _viterbi_reversed(pi, A, B, obs):
    path, prob = ref.viterbi(pi, A, B, obs)
    return path[::-1].copy(), prob


def _viterbi_prob_domain(pi, A, B, obs):
    pi, A, B = (np.asarray(a, dtype=np.float64) for a in (pi, A, B))
    obs = np.asarray(obs)
    T, S = len(obs), len(pi)
    delta = pi * B[:, obs[0]]
    back = np.zeros((T, S), dtype=np.int64)
    for t in range(1, T):
        scores = delta[:, None] * A
        back[t] = scores.argmax(axis=0)
        delta = scores.max(axis=0) * B[:, obs[t]]
    path = np.zeros(T, dtype=np.int64)
    path[-1] = delta.argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(delta.max())


def _viterbi_forward_prob(pi, A, B, obs):
    path, _ = ref.viterbi(pi, A, B, obs)
    pi, A, B = (np.asarray(a, dtype=np.float64) for a in (pi, A, B))
    alpha = pi * B[:, obs[0]]
    for o in obs[1:]:
        alpha = (alpha @ A) * B[:, o]
    return path, float(alpha.sum())


def _viterbi_transposed(pi, A, B, obs):
    return ref.viterbi(pi, np.asarray(A, dtype=np.float64).T, B, obs)


# ================================================================ specs

SPECS: list[FunctionSpec] = [
    FunctionSpec(
        function="hamming_distance",
        reference=ref.hamming_distance,
        cases=_hamming_cases,
        mistakes=(
            Mistake(
                "no-length-check",
                _hamming_no_length_check,
                "Strings of different lengths must raise ValueError; zip() silently stops at the shorter one. Check "
                "len(a) != len(b) first.",
                "长度不同的字符串必须抛出 ValueError;zip() 会悄悄截断到较短的那个。先检查 len(a) != len(b)。",
            ),
            Mistake(
                "counts-matches",
                _hamming_counts_matches,
                "You counted the positions where the characters agree. The Hamming distance counts where they differ "
                "(a[i] != b[i]).",
                "你统计的是字符相同的位置。汉明距离 (Hamming distance) 统计的是不同的位置(a[i] != b[i])。",
            ),
            Mistake(
                "case-insensitive",
                _hamming_case_insensitive,
                "You compared case-insensitively. 'A' and 'a' are different characters; compare the strings as given.",
                "你忽略了大小写。'A' 和 'a' 是不同的字符,应按原样逐位比较。",
            ),
        ),
    ),
    FunctionSpec(
        function="pca",
        reference=ref.pca,
        cases=_pca_cases,
        sign_free=True,
        mistakes=(
            Mistake(
                "no-centering",
                _pca_no_centering,
                "The data was not centred. Subtract the column means before the SVD and project the centred data: Z = "
                "(X - mean) @ components.T.",
                "没有先中心化 (centering)。做 SVD 之前要减去每列均值,投影的也是中心化后的数据:Z = (X - mean) @ "
                "components.T。",
            ),
            Mistake(
                "eigh-smallest",
                _pca_eigh_smallest,
                "np.linalg.eigh returns eigenvalues in increasing order, so its first columns are the directions of "
                "least variance. Take the last k columns, reversed (or use the SVD).",
                "np.linalg.eigh 返回的特征值是升序的,前几列是方差最小的方向。应取最后 k 列并倒序(或者直接用 SVD)。",
            ),
            Mistake(
                "vt-columns",
                _pca_vt_columns,
                "You took columns of Vt. In X = U S Vt the principal directions are the rows of Vt (the columns of V): "
                "components = Vt[:k].",
                "你取的是 Vt 的列。X = U S Vt 中主方向是 Vt 的行(即 V 的列):components = Vt[:k]。",
            ),
            Mistake(
                "standardized",
                _pca_standardized,
                "You divided each column by its std (PCA on the correlation matrix). This question asks for PCA of the "
                "centred data only, on the covariance matrix.",
                "你把每列除以了标准差(相当于对相关系数矩阵做 PCA)。本题只要求中心化,对协方差矩阵做 PCA。",
            ),
        ),
    ),
    FunctionSpec(
        function="kmeans",
        reference=ref.kmeans,
        cases=_kmeans_cases,
        mistakes=(
            Mistake(
                "empty-cluster-nan",
                _kmeans_empty_nan,
                "An empty cluster's center became nan (the mean of nothing). A center with no samples keeps its "
                "previous position.",
                "空簇的中心变成了 nan(对空集求均值)。没有分到样本的中心应保持原位置不动。",
            ),
            Mistake(
                "labels-after-move",
                _kmeans_labels_after_move,
                "You re-assigned the labels after the last move. Return the last assignment the loop computed; after "
                "n_iter iterations it predates the final center update.",
                "你在最后一次移动中心之后又重新分配了标签。应返回循环中最后一次计算的分配;跑满 n_iter 次时,它是在最后一"
                "次更新中心之前算出来的。",
            ),
            Mistake(
                "ties-to-last",
                _kmeans_ties_to_last,
                "Distance ties went to the highest center index. Break ties toward the lowest index, as np.argmin "
                "does.",
                "距离相等时你分给了编号最大的中心。平局应分给编号最小的中心,np.argmin 就是这样处理的。",
            ),
        ),
    ),
    FunctionSpec(
        function="kmeans_plus_plus_init",
        reference=ref.kmeans_plus_plus_init,
        cases=_kpp_cases,
        mistakes=(
            Mistake(
                "last-center-distance",
                _kpp_last_center,
                "D2 must be the squared distance to the nearest chosen center, not to the last one: keep D2 = "
                "minimum(D2, distance to the new center).",
                "D2 应是到最近的已选中心的平方距离,而不是到最后一个中心的:每选一个新中心就更新 D2 = minimum(D2, 到新中"
                "心的距离)。",
            ),
            Mistake(
                "side-left",
                _kpp_side_left,
                "Use searchsorted(..., side='right'). With side='left' a u equal to a cdf value picks the previous "
                "sample, possibly one with D2 = 0.",
                "要用 searchsorted(..., side='right')。用 side='left' 时,u 恰好等于某个累积值会选到前一个样本,甚至可能"
                "是 D2 = 0 的样本。",
            ),
            Mistake(
                "distance-not-squared",
                _kpp_not_squared,
                "k-means++ samples proportionally to the squared distance D(x)^2, not to the distance itself.",
                "k-means++ 按平方距离 D(x)^2 成比例采样,而不是按距离本身。",
            ),
        ),
    ),
    FunctionSpec(
        function="min_max_scale",
        reference=ref.min_max_scale,
        cases=_min_max_cases,
        mistakes=(
            Mistake(
                "eps-in-denominator",
                _min_max_eps,
                "An epsilon in the denominator distorts columns with a small spread. Divide by max - min exactly and "
                "treat only max == min columns specially (they become 0).",
                "分母里加 epsilon 会让取值范围很小的列结果失真。应精确地除以 max - min,只对 max == min 的常数列特殊处理"
                "(置 0)。",
            ),
            Mistake(
                "nan-on-constant",
                _min_max_nan,
                "A constant column gives 0/0 = nan. Set columns with max == min to 0.",
                "常数列会得到 0/0 = nan。max == min 的列应直接置 0。",
            ),
            Mistake(
                "global-min-max",
                _min_max_global,
                "You used the min and max of the whole matrix. Scale each column (feature) with its own min and max: "
                "X.min(axis=0).",
                "你用了整个矩阵的最小值和最大值。应该每一列(每个特征)用自己的 min、max:X.min(axis=0)。",
            ),
            Mistake(
                "row-wise",
                _min_max_rows,
                "You scaled each row (sample). Feature scaling works per column: axis=0.",
                "你按行(样本)做了缩放。特征归一化应按列进行:axis=0。",
            ),
        ),
    ),
    FunctionSpec(
        function="standardize",
        reference=ref.standardize,
        cases=_standardize_cases,
        mistakes=(
            Mistake(
                "ddof-1",
                _standardize_ddof1,
                "You divided by the sample std (ddof=1). Use the population std, ddof=0 (np.std's default), so each "
                "column ends with variance exactly 1.",
                "你用了样本标准差 (ddof=1)。应使用总体标准差 ddof=0(np.std 的默认值),这样每列的方差正好是 1。",
            ),
            Mistake(
                "eps-in-denominator",
                _standardize_eps,
                "An epsilon in the denominator distorts columns with a small spread. Divide by the std exactly and "
                "handle only constant columns (max == min) by setting them to 0.",
                "分母里加 epsilon 会让方差很小的列结果失真。应精确地除以标准差,只把常数列(max == min)置 0。",
            ),
            Mistake(
                "std-zero-check",
                _standardize_std_zero_check,
                "Testing std == 0 misses constant columns: the computed mean of equal numbers can differ from them in "
                "the last bit, leaving a tiny nonzero std. Test max == min instead.",
                "用 std == 0 判断常数列会漏判:相同数字算出的均值可能在最后一位有舍入误差,std 就成了一个极小的非零数。应"
                "改为判断 max == min。",
            ),
            Mistake(
                "nan-on-constant",
                _standardize_nan,
                "A constant column gives 0/0 = nan. Columns whose entries are all equal must become 0.",
                "常数列会得到 0/0 = nan。所有元素都相等的列应置为 0。",
            ),
        ),
    ),
    FunctionSpec(
        function="logistic_regression_loss_grad",
        reference=ref.logistic_regression_loss_grad,
        cases=_logreg_cases,
        stable=True,
        mistakes=(
            Mistake(
                "naive-log-sigmoid",
                _logreg_naive,
                "log(sigmoid(z)) overflows or hits log(0) for large |z|. Write the per-sample loss as logaddexp(0, z) "
                "- y*z, which is exact and stable.",
                "|z| 很大时 log(sigmoid(z)) 会溢出或出现 log(0)。把单个样本的损失写成 logaddexp(0, z) - y*z,既精确又数"
                "值稳定。",
            ),
            Mistake(
                "clipped-probabilities",
                _logreg_clipped,
                "Clipping p to [1e-15, 1 - 1e-15] caps the loss of a confident mistake at about 34.5; the true loss "
                "grows like |z|. Use logaddexp(0, z) - y*z instead of clipping.",
                "把 p 截断到 [1e-15, 1 - 1e-15] 会让置信度很高的错误样本的损失封顶在 34.5 左右,而真实损失随 |z| 线性增"
                "长。改用 logaddexp(0, z) - y*z,不要截断。",
            ),
            Mistake(
                "sum-not-mean",
                _logreg_sum,
                "You summed over samples. The loss is the mean, so both the loss and the gradient carry 1/m: grad = "
                "X.T @ (sigmoid(Xw) - y) / m + l2*w.",
                "你对样本求了和。损失是平均值,所以损失和梯度都要乘 1/m:grad = X.T @ (sigmoid(Xw) - y) / m + l2*w。",
            ),
            Mistake(
                "l2-without-half",
                _logreg_l2_no_half,
                "The penalty is 0.5*l2*sum(w**2), so its gradient is l2*w; you used l2*sum(w**2) (gradient 2*l2*w).",
                "正则项是 0.5*l2*sum(w**2),它的梯度是 l2*w;你用的是 l2*sum(w**2)(梯度 2*l2*w)。",
            ),
        ),
    ),
    FunctionSpec(
        function="gaussian_mle",
        reference=ref.gaussian_mle,
        cases=_gauss_cases,
        mistakes=(
            Mistake(
                "ddof-1",
                _gauss_ddof1,
                "The maximum-likelihood variance divides by m, not m - 1; the unbiased estimator is a different one.",
                "最大似然估计的方差除以 m,而不是 m - 1;除以 m - 1 的是无偏估计,不是 MLE。",
            ),
            Mistake(
                "one-pass",
                _gauss_one_pass,
                "E[x^2] - E[x]^2 cancels catastrophically when the mean is large (1e9 + N(0, 1)). Compute the mean "
                "first, then the mean of (x - mean)^2.",
                "均值很大时(如 1e9 + N(0, 1)),E[x^2] - E[x]^2 会发生灾难性抵消 (catastrophic cancellation)。应先求均"
                "值,再求 (x - mean)^2 的均值。",
            ),
            Mistake(
                "std-not-variance",
                _gauss_std,
                "You returned the standard deviation. The second value is the variance, sigma^2.",
                "你返回的是标准差。第二个返回值应是方差 sigma^2。",
            ),
        ),
    ),
    FunctionSpec(
        function="classify_critical_point",
        reference=ref.classify_critical_point,
        cases=_critical_cases,
        mistakes=(
            Mistake(
                "diagonal-test",
                _critical_diagonal,
                "You looked at the diagonal of H. Positive diagonal entries do not make H positive definite ([[1, 2], "
                "[2, 1]] has eigenvalue -1): use the eigenvalues (np.linalg.eigvalsh).",
                "你只看了 H 的对角线。对角元全正并不代表正定([[1, 2], [2, 1]] 有特征值 -1),应使用特征值"
                "(np.linalg.eigvalsh)。",
            ),
            Mistake(
                "determinant-test",
                _critical_determinant,
                "The det/trace test only works in 2-D. In higher dimensions det > 0 can still be a saddle (eigenvalues "
                "-1, -2, 1.5); classify by the signs of all eigenvalues.",
                "行列式加迹的判别法只适用于二维。更高维时 det > 0 仍可能是鞍点(特征值 -1, -2, 1.5),应根据全部特征值的符"
                "号来判断。",
            ),
            Mistake(
                "degenerate-first",
                _critical_degenerate_first,
                "Check for a saddle first: with one positive and one negative eigenvalue the point is a saddle even if "
                "another eigenvalue is zero.",
                "应先判断鞍点:只要同时有正特征值和负特征值,就算还有零特征值,它也是鞍点。",
            ),
            Mistake(
                "exact-zero",
                _critical_exact_zero,
                "Eigenvalues come with rounding errors, so compare with the tolerance 1e-10, not with 0 exactly: "
                "|lambda| <= 1e-10 counts as zero.",
                "特征值带有舍入误差,应该用容差 1e-10 判断而不是与 0 精确比较:|lambda| <= 1e-10 就视为 0。",
            ),
        ),
    ),
    FunctionSpec(
        function="solve_equality_qp",
        reference=ref.solve_equality_qp,
        cases=_qp_cases,
        mistakes=(
            Mistake(
                "lam-sign",
                _qp_lam_sign,
                "Your multipliers have the opposite sign. This question fixes Qx + c + A'lam = 0, so solve [[Q, A'], "
                "[A, 0]] [x; lam] = [-c; b].",
                "你的拉格朗日乘子符号反了。本题规定 Qx + c + A'lam = 0,所以应解 [[Q, A'], [A, 0]] [x; lam] = [-c; b]。",
            ),
            Mistake(
                "rhs-sign",
                _qp_rhs_sign,
                "The right-hand side should be [-c; b]: stationarity Qx + c + A'lam = 0 moves c to the other side with "
                "a minus sign.",
                "右端项应为 [-c; b]:由驻点条件 Qx + c + A'lam = 0 移项,c 要变号。",
            ),
            Mistake(
                "unconstrained",
                _qp_unconstrained,
                "You solved Qx = -c and ignored Ax = b. Add the constraints through the KKT system [[Q, A'], [A, 0]] "
                "[x; lam] = [-c; b].",
                "你只解了 Qx = -c,忽略了约束 Ax = b。要通过 KKT 方程组 [[Q, A'], [A, 0]] [x; lam] = [-c; b] 把约束加进"
                "来。",
            ),
        ),
    ),
    FunctionSpec(
        function="viterbi",
        reference=ref.viterbi,
        cases=_viterbi_cases,
        mistakes=(
            Mistake(
                "reversed-path",
                _viterbi_reversed,
                "The path comes out reversed: backtracking walks from the last step to the first, so reverse it (or "
                "fill the array from the end).",
                "路径顺序反了:回溯是从最后一步走回第一步的,结果要翻转过来(或从数组末尾往前填)。",
            ),
            Mistake(
                "probability-domain",
                _viterbi_prob_domain,
                "Multiplying probabilities underflows to 0 on long sequences and the argmax becomes arbitrary. Run the "
                "recursion on log-probabilities (sums of logs) and exponentiate at the end.",
                "在概率域连乘,序列一长就下溢成 0,argmax 失去意义。应在对数域递推(对数相加),最后再取 exp。",
            ),
            Mistake(
                "forward-probability",
                _viterbi_forward_prob,
                "You returned the total probability of the observations (forward algorithm, a sum over paths). Return "
                "the joint probability of the best path: a max, not a sum.",
                "你返回的是观测序列的总概率(前向算法,对所有路径求和)。应返回最优路径与观测的联合概率:取 max 而不是求"
                "和。",
            ),
            Mistake(
                "transposed-a",
                _viterbi_transposed,
                "A[i, j] is the probability of moving from state i to state j; you used A[j, i].",
                "A[i, j] 表示从状态 i 转移到状态 j 的概率;你用成了 A[j, i]。",
            ),
        ),
    ),
]

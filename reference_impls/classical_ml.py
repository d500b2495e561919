"""Reference solutions: classical machine learning and math.

NumPy only. Float results are float64; the conventions are those of the
catalogue (docs: /work/shared/spec/code-questions.md, "Classical ML and math").
"""

from __future__ import annotations

import numpy as np

__all__ = [
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
]


def hamming_distance(a: str, b: str) -> int:
    """Number of positions at which two equal-length strings differ.

    Raises ValueError when ``len(a) != len(b)``. Returns a Python int.
    """
    if len(a) != len(b):
        raise ValueError(f"strings of different lengths: {len(a)} and {len(b)}")
    return sum(1 for ca, cb in zip(a, b, strict=True) if ca != cb)


def pca(X, k):
    """Principal component analysis by SVD of the centred data.

    X: (m, n), rows are samples; 1 <= k <= min(m, n).
    Returns ``(Z, components)``: components (k, n), unit principal directions
    by decreasing variance (the sign of each row is free); Z (m, k) =
    (X - X.mean(axis=0)) @ components.T. Here each component's sign is fixed so
    that its largest-magnitude entry is positive (any sign is accepted).
    """
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)  # singular values in decreasing order
    comps = Vt[:k].copy()
    idx = np.argmax(np.abs(comps), axis=1)
    signs = np.sign(comps[np.arange(k), idx])
    comps *= signs[:, None]
    return Xc @ comps.T, comps


def _sq_dists(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """(m, k) squared Euclidean distances, computed from differences (exact ties stay ties)."""
    diff = X[:, None, :] - C[None, :, :]
    return np.einsum("mkn,mkn->mk", diff, diff)


def kmeans(X, init_centers, n_iter=100):
    """Lloyd's algorithm from given centers.

    X: (m, n); init_centers: (k, n); n_iter >= 1.
    Each iteration assigns every sample to its nearest center (squared Euclidean
    distance; ties go to the lowest center index), stops if that assignment equals
    the previous one, else moves each non-empty cluster's center to the mean of its
    samples (an empty cluster keeps its center). Returns ``(centers (k, n) float64,
    labels (m,) int64)``, labels being the last assignment computed (after n_iter
    iterations it was computed *before* the last move).
    """
    X = np.asarray(X, dtype=np.float64)
    centers = np.array(init_centers, dtype=np.float64)
    k = centers.shape[0]
    labels = None
    for _ in range(n_iter):
        new_labels = np.argmin(_sq_dists(X, centers), axis=1).astype(np.int64)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for j in range(k):
            members = X[labels == j]
            if len(members):
                centers[j] = members.mean(axis=0)
    return centers, labels


def kmeans_plus_plus_init(X, k, u):
    """k-means++ seeding driven by given uniforms (deterministic).

    X: (m, n); u: (k - 1,) floats in [0, 1). The first center is X[0]; center j >= 1
    is X[searchsorted(cumsum(D2) / sum(D2), u[j - 1], side='right')], D2 (m,) being
    each sample's squared distance to its nearest chosen center. Returns (k, n) float64.
    """
    X = np.asarray(X, dtype=np.float64)
    u = np.asarray(u, dtype=np.float64).reshape(-1)
    m = X.shape[0]
    chosen = [0]
    d2 = ((X - X[0]) ** 2).sum(axis=1)
    for j in range(1, k):
        cdf = np.cumsum(d2) / d2.sum()
        idx = min(int(np.searchsorted(cdf, u[j - 1], side="right")), m - 1)
        chosen.append(idx)
        d2 = np.minimum(d2, ((X - X[idx]) ** 2).sum(axis=1))
    return X[chosen].copy()


def min_max_scale(X):
    """Column-wise min-max scaling to [0, 1].

    X: (m, n). A column with max == min becomes all 0; every other column is
    ``(x - min) / (max - min)`` with no epsilon, however small its spread.
    Returns (m, n) float64.
    """
    X = np.asarray(X, dtype=np.float64)
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = hi - lo
    out = np.zeros_like(X)
    ok = span > 0
    out[:, ok] = (X[:, ok] - lo[ok]) / span[ok]
    return out


def standardize(X):
    """Column-wise z-score with the population std (ddof=0).

    X: (m, n). A column whose entries are all equal (max == min, tested exactly,
    not through std == 0, since the computed mean of equal numbers may differ from
    them in the last bit) becomes all 0; every other column is (x - mean) / std
    with no epsilon, however small its spread. Returns (m, n) float64.
    """
    X = np.asarray(X, dtype=np.float64)
    out = np.zeros_like(X)
    ok = X.max(axis=0) > X.min(axis=0)
    Xo = X[:, ok]
    mu = Xo.mean(axis=0)
    sd = np.sqrt(((Xo - mu) ** 2).mean(axis=0))
    out[:, ok] = (Xo - mu) / sd
    return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """Stable logistic function: exp(-log(1 + exp(-z))) (only underflow, which is harmless)."""
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_regression_loss_grad(w, X, y, l2=0.0):
    """Loss and gradient of L2-regularized logistic regression (no bias term).

    w: (n,); X: (m, n); y: (m,) in {0, 1}.
    loss = mean_i [log(1 + exp(z_i)) - y_i z_i] + 0.5 * l2 * sum(w**2), z = X @ w
    (the mean binary cross-entropy of sigmoid(z), written in a stable form);
    grad = X.T @ (sigmoid(z) - y) / m + l2 * w.
    Returns ``(loss float, grad (n,) float64)``. Stable for |z| up to 1e4 and beyond.
    """
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    m = X.shape[0]
    z = X @ w
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.dot(w, w)
    grad = X.T @ (_sigmoid(z) - y) / m + l2 * w
    return float(loss), grad


def gaussian_mle(x):
    """Maximum-likelihood (mean, variance) of 1-D samples x (m,).

    The variance is the biased one (divide by m). Two-pass: the mean first, then
    the mean squared deviation from it, which stays accurate for data with a large
    offset (1e9 + N(0, 1)) where E[x^2] - E[x]^2 cancels catastrophically.
    Returns two Python floats.
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    mu = x.mean()
    d = x - mu
    return float(mu), float(np.mean(d * d))


def classify_critical_point(H) -> str:
    """Classify a critical point from its symmetric Hessian H (n, n) by eigenvalues.

    Returns "saddle" if some eigenvalue > 1e-10 and some < -1e-10; else
    "degenerate" if some |eigenvalue| <= 1e-10; else "minimum" (all positive) or
    "maximum" (all negative).
    """
    lam = np.linalg.eigvalsh(np.asarray(H, dtype=np.float64))
    tol = 1e-10
    if np.any(lam > tol) and np.any(lam < -tol):
        return "saddle"
    if np.any(np.abs(lam) <= tol):
        return "degenerate"
    return "minimum" if np.all(lam > 0) else "maximum"


def solve_equality_qp(Q, c, A, b):
    """Equality-constrained QP through its KKT system.

    minimize 0.5 x'Qx + c'x subject to Ax = b. Q (n, n), c (n,), A (p, n) full row
    rank, b (p,), Q positive definite on the null space of A. Solves
    [[Q, A'], [A, 0]] [x; lam] = [-c; b], i.e. Qx + c + A'lam = 0 and Ax = b.
    Returns ``(x (n,), lam (p,))``.
    """
    Q = np.asarray(Q, dtype=np.float64)
    c = np.asarray(c, dtype=np.float64).reshape(-1)
    A = np.atleast_2d(np.asarray(A, dtype=np.float64))
    b = np.asarray(b, dtype=np.float64).reshape(-1)
    n, p = Q.shape[0], A.shape[0]
    K = np.zeros((n + p, n + p))
    K[:n, :n] = Q
    K[:n, n:] = A.T
    K[n:, :n] = A
    sol = np.linalg.solve(K, np.concatenate([-c, b]))
    return sol[:n], sol[n:]


def viterbi(pi, A, B, obs):
    """Most likely hidden-state path of an HMM (Viterbi, in log space).

    pi (S,) initial probabilities; A (S, S) with A[i, j] = P(next = j | current = i);
    B (S, O) with B[i, o] = P(observe o | state i); obs (T,) observation indices.
    Returns ``(path (T,) int64, prob)``: the path maximizing the joint probability
    P(path, obs), and that probability as a float (it may underflow to 0.0 on long
    sequences; the path is computed in log space so it stays right). Zero
    probabilities are allowed (log 0 = -inf).
    """
    pi = np.asarray(pi, dtype=np.float64)
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    obs = np.asarray(obs).astype(np.int64).reshape(-1)
    with np.errstate(divide="ignore"):
        lpi, lA, lB = np.log(pi), np.log(A), np.log(B)
    T, S = len(obs), len(pi)
    delta = lpi + lB[:, obs[0]]
    back = np.zeros((T, S), dtype=np.int64)
    for t in range(1, T):
        scores = delta[:, None] + lA  # scores[i, j]: best path ending in i, then i -> j
        back[t] = np.argmax(scores, axis=0)
        delta = scores[back[t], np.arange(S)] + lB[:, obs[t]]
    path = np.zeros(T, dtype=np.int64)
    path[-1] = int(np.argmax(delta))
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(np.exp(delta[path[-1]]))

# expect: fail
# case: fixed 4 points in 2-D, k = 1
# hint: eigh-smallest
# Takes eigh's first eigenvectors, which belong to the smallest eigenvalues.
import numpy as np

def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    cov = Xc.T @ Xc / X.shape[0]
    vals, vecs = np.linalg.eigh(cov)
    components = vecs[:, :k].T
    return Xc @ components.T, components

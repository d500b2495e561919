# expect: fail
# case: fixed 4 points in 2-D, k = 1
# hint: none
# Components scaled by their singular values, so they are not unit vectors.
import numpy as np

def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    components = Vt[:k] * S[:k, None]
    return Xc @ Vt[:k].T, components

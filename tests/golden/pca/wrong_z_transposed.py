# expect: fail
# case: fixed 4 points in 2-D, k = 1
# hint: none
# Returns Z as (k, m) instead of (m, k).
import numpy as np

def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    components = Vt[:k]
    return components @ Xc.T, components

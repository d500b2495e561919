# expect: fail
# case: fixed u on a cdf boundary (side='right')
# hint: side-left
# searchsorted with the default side='left'.
import numpy as np

def kmeans_plus_plus_init(X, k, u):
    X = np.asarray(X, dtype=float)
    centers = [X[0]]
    d2 = ((X - X[0]) ** 2).sum(axis=1)
    for j in range(1, k):
        idx = np.searchsorted(np.cumsum(d2) / d2.sum(), u[j - 1])
        centers.append(X[idx])
        d2 = np.minimum(d2, ((X - X[idx]) ** 2).sum(axis=1))
    return np.array(centers)

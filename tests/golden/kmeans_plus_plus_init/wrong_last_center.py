# expect: fail
# case: fixed 1-D, k = 3
# hint: last-center-distance
# Weights by the distance to the most recent center only.
import numpy as np

def kmeans_plus_plus_init(X, k, u):
    X = np.asarray(X, dtype=float)
    centers = [X[0]]
    for j in range(1, k):
        d2 = ((X - centers[-1]) ** 2).sum(axis=1)
        idx = np.searchsorted(np.cumsum(d2) / d2.sum(), u[j - 1], side="right")
        centers.append(X[idx])
    return np.array(centers)

# expect: fail
# case: fixed 1-D, k = 2, u = 0.05
# hint: none
# Returns the chosen sample indices instead of the centers.
import numpy as np

def kmeans_plus_plus_init(X, k, u):
    X = np.asarray(X, dtype=float)
    chosen = [0]
    d2 = ((X - X[0]) ** 2).sum(axis=1)
    for j in range(1, k):
        idx = int(np.searchsorted(np.cumsum(d2) / d2.sum(), u[j - 1], side="right"))
        chosen.append(idx)
        d2 = np.minimum(d2, ((X - X[idx]) ** 2).sum(axis=1))
    return np.array(chosen)

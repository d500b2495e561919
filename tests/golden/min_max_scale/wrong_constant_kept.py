# expect: fail
# case: constant columns become 0
# hint: none
# Leaves constant columns unchanged instead of setting them to 0.
import numpy as np

def min_max_scale(X):
    X = np.array(X, dtype=float)
    lo, hi = X.min(axis=0), X.max(axis=0)
    for j in range(X.shape[1]):
        if hi[j] > lo[j]:
            X[:, j] = (X[:, j] - lo[j]) / (hi[j] - lo[j])
    return X

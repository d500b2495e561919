# expect: fail
# case: constant 0.1 column (its mean is not 0.1)
# hint: std-zero-check
# Detects constant columns with std == 0, which misses a column of 0.1s.
import numpy as np

def standardize(X):
    X = np.asarray(X, dtype=float)
    mean, std = X.mean(axis=0), X.std(axis=0)
    out = np.zeros_like(X)
    nz = std != 0
    out[:, nz] = (X[:, nz] - mean[nz]) / std[nz]
    return out

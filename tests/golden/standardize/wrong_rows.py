# expect: fail
# case: fixed 3x2
# hint: none
# Standardizes each row (sample) instead of each column (feature).
import numpy as np

def standardize(X):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    out = np.zeros_like(X)
    np.divide(X - mean, std, out=out, where=X.max(axis=1, keepdims=True) > X.min(axis=1, keepdims=True))
    return out

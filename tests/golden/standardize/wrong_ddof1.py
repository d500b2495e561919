# expect: fail
# case: fixed 3x2
# hint: ddof-1
# Divides by the sample standard deviation (ddof=1).
import numpy as np

def standardize(X):
    X = np.asarray(X, dtype=float)
    out = np.zeros_like(X)
    keep = X.max(axis=0) > X.min(axis=0)
    Xk = X[:, keep]
    out[:, keep] = (Xk - Xk.mean(axis=0)) / Xk.std(axis=0, ddof=1)
    return out

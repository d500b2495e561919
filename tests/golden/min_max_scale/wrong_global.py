# expect: fail
# case: fixed 3x2
# hint: global-min-max
# Uses the min and max of the whole matrix.
import numpy as np

def min_max_scale(X):
    lo, hi = X.min(), X.max()
    if hi == lo:
        return np.zeros_like(X, dtype=float)
    return (X - lo) / (hi - lo)

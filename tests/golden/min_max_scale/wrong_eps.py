# expect: fail
# case: tiny spread 1e-12 is still scaled
# hint: eps-in-denominator
# Adds 1e-8 to the denominator to avoid dividing by zero.
import numpy as np

def min_max_scale(X):
    lo, hi = X.min(axis=0), X.max(axis=0)
    return (X - lo) / (hi - lo + 1e-8)

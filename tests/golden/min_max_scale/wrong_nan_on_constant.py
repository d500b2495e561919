# expect: fail
# case: constant columns become 0
# hint: nan-on-constant
# No special case: a constant column gives 0/0 = nan.
import numpy as np

def min_max_scale(X):
    lo, hi = X.min(axis=0), X.max(axis=0)
    return (X - lo) / (hi - lo)

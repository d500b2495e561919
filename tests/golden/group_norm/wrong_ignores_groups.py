# expect: fail
# case: fixed (1, 4, 1, 2), 2 groups
# hint: none
# Ignores num_groups and normalizes each channel alone (instance norm).
import numpy as np


def group_norm(x, num_groups, eps=1e-5):
    mu = x.mean(axis=(2, 3), keepdims=True)
    var = x.var(axis=(2, 3), keepdims=True)
    return (x - mu) / np.sqrt(var + eps)

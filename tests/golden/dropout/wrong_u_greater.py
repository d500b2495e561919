# expect: fail
# case: u equal to p is kept
# hint: keep_where_u_greater
# Keeps where u > p, so a draw exactly equal to p is dropped.
import numpy as np


def dropout(x, p, u, training=True):
    if not training:
        return x
    if p == 1:
        return np.zeros_like(x)
    return x * (u > p) / (1 - p)

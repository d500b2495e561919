# expect: fail
# case: p = 1 gives zeros
# hint: none
# No special case for p = 1: 0 / 0 gives nan instead of zeros.
import numpy as np


def dropout(x, p, u, training=True):
    if not training:
        return x
    return x * (u >= p) / (1 - p)

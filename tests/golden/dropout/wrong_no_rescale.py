# expect: fail
# case: fixed 2x3, p = 0.5
# hint: no_rescale
# Masks but never rescales the kept values.
import numpy as np


def dropout(x, p, u, training=True):
    if not training:
        return x
    return x * (u >= p)

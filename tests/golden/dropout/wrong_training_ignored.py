# expect: fail
# case: training=False returns x
# hint: none
# Ignores the training flag and always drops.
import numpy as np


def dropout(x, p, u, training=True):
    if p >= 1:
        return np.zeros_like(x)
    return np.where(u >= p, x / (1 - p), 0.0)

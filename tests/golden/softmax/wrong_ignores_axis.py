# expect: fail
# case: random (3, 4), axis=0
# hint: ignores_axis
# Stable, but always works along the last axis whatever `axis` says.
import numpy as np


def softmax(x, axis=-1):
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)

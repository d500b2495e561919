# expect: fail
# case: random (2, 3, 4)
# hint: last_axis_only
# Normalizes over the last axis only (fine for 2-D, wrong for 3-D and 4-D).
import numpy as np


def layer_norm(x, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps)

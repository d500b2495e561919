# expect: fail
# case: fixed (1, 2, 2, 2)
# hint: layer_norm_stats
# Statistics over (C, H, W): that is layer norm.
import numpy as np


def instance_norm(x, eps=1e-5):
    mu = x.mean(axis=(1, 2, 3), keepdims=True)
    var = x.var(axis=(1, 2, 3), keepdims=True)
    return (x - mu) / np.sqrt(var + eps)

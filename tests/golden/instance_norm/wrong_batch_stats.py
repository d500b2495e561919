# expect: fail
# case: random (2, 3, 4, 4)
# hint: batch_norm_stats
# Statistics over (N, H, W): that is batch norm (same as instance norm only when N = 1).
import numpy as np


def instance_norm(x, eps=1e-5):
    mu = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True)
    return (x - mu) / np.sqrt(var + eps)

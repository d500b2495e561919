# expect: fail
# case: fixed (1, 2, 2, 2)
# hint: none
# Statistics without keepdims: (N, C) broadcasts against (H, W), which only works by luck for one channel.
import numpy as np


def instance_norm(x, eps=1e-5):
    mu = x.mean(axis=(2, 3))
    var = x.var(axis=(2, 3))
    return (x - mu) / np.sqrt(var + eps)

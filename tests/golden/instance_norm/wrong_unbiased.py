# expect: fail
# case: fixed (1, 1, 2, 2)
# hint: unbiased_variance
# ddof=1 variance over H, W.
import numpy as np


def instance_norm(x, eps=1e-5):
    mu = x.mean(axis=(2, 3), keepdims=True)
    var = x.var(axis=(2, 3), keepdims=True, ddof=1)
    return (x - mu) / np.sqrt(var + eps)

# expect: fail
# case: fixed (2, 1, 2, 2)
# hint: unbiased_variance
# Unbiased variance (ddof=1) over N, H, W.
import numpy as np


def batchnorm2d_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True, ddof=1)
    return gamma[None, :, None, None] * (x - mu) / np.sqrt(var + eps) + beta[None, :, None, None]

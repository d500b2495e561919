# expect: fail
# case: fixed (1, 2, 2, 2) with gamma and beta
# hint: none
# Right statistics, but gamma and beta (C,) broadcast against the W axis instead of the channel axis.
import numpy as np


def batchnorm2d_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta

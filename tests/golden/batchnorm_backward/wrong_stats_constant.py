# expect: fail
# case: fixed 2x2, gamma 1
# hint: stats_as_constants
# Treats the batch mean and variance as constants: dx = dout * gamma / std.
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    xhat = (x - mu) / np.sqrt(var + eps)
    dx = dout * gamma / np.sqrt(var + eps)
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)

# expect: fail
# case: fixed 2x2, gamma 1
# hint: missing_variance_path
# Keeps the gradient through the mean, drops the one through the variance.
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    xhat = (x - mu) / np.sqrt(var + eps)
    dxhat = dout * gamma
    dx = (dxhat - dxhat.mean(axis=0)) / np.sqrt(var + eps)
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)

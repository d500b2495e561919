# expect: fail
# case: fixed 2x2, gamma 1
# hint: dgamma_uses_raw_x
# Correct dx, but dgamma uses the raw x instead of xhat.
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    n = x.shape[0]
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * inv
    dxhat = dout * gamma
    dx = inv / n * (n * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0))
    return dx, (dout * x).sum(axis=0), dout.sum(axis=0)

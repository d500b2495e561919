# expect: fail
# case: fixed 2x2, gamma 1
# hint: none
# Right gradients, returned as (dx, dbeta, dgamma).
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    n = x.shape[0]
    inv = 1.0 / np.sqrt(x.var(axis=0) + eps)
    xhat = (x - x.mean(axis=0)) * inv
    dxhat = dout * gamma
    dx = inv / n * (n * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0))
    return dx, dout.sum(axis=0), (dout * xhat).sum(axis=0)

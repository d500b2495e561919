# expect: fail
# case: fixed 2x2, gamma 1
# hint: none
# dgamma and dbeta keep a leading axis: shape (1, D) instead of (D,).
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    n = x.shape[0]
    mu = x.mean(axis=0, keepdims=True)
    inv = 1.0 / np.sqrt(x.var(axis=0, keepdims=True) + eps)
    xhat = (x - mu) * inv
    dxhat = dout * gamma
    dgamma = (dout * xhat).sum(axis=0, keepdims=True)
    dbeta = dout.sum(axis=0, keepdims=True)
    dx = inv / n * (n * dxhat - dxhat.sum(axis=0, keepdims=True) - xhat * (dxhat * xhat).sum(axis=0, keepdims=True))
    return dx, dgamma, dbeta

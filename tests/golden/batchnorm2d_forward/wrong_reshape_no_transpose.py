# expect: fail
# case: fixed (1, 2, 2, 2) with gamma and beta
# hint: reshape_without_transpose
# Reuses a (N, D) batch norm through x.reshape(-1, C), which mixes channels in NCHW.
import numpy as np


def batchnorm2d_forward(x, gamma, beta, eps=1e-5):
    n, c, h, w = x.shape
    flat = x.reshape(-1, c)
    xhat = (flat - flat.mean(axis=0)) / np.sqrt(flat.var(axis=0) + eps)
    xhat = xhat.reshape(n, c, h, w)
    return gamma.reshape(1, c, 1, 1) * xhat + beta.reshape(1, c, 1, 1)

# expect: fail
# case: fixed (2, 1, 2, 2)
# hint: per_position_stats
# Statistics over the batch axis only, so every pixel has its own mean and variance.
import numpy as np


def batchnorm2d_forward(x, gamma, beta, eps=1e-5):
    xhat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return gamma[None, :, None, None] * xhat + beta[None, :, None, None]

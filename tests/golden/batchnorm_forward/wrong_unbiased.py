# expect: fail
# case: fixed 2x2, gamma 1, beta 0
# hint: unbiased_variance
# np.var(..., ddof=1): the unbiased variance instead of the batch's biased one.
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta

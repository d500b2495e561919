# expect: fail
# case: fixed 2x2, gamma 1, beta 0
# hint: normalized_per_sample
# Statistics over axis 1 (each sample's features): that is layer norm.
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta

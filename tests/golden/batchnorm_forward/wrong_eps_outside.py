# expect: fail
# case: fixed 2x2, gamma 1, beta 0
# hint: eps_outside_sqrt
# Divides by std + eps instead of sqrt(var + eps).
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean(axis=0)) / (x.std(axis=0) + eps) + beta

# expect: fail
# case: fixed 2x2, gamma 1, beta 0
# hint: none
# Forgets eps altogether (and would divide by zero on a constant column).
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0)) + beta

# expect: fail
# case: fixed 2x2, running stats 0 and 1
# hint: forgot_sqrt
# Divides by the variance instead of the standard deviation.
import numpy as np


def batchnorm_eval(x, running_mean, running_var, gamma, beta, eps=1e-5):
    return gamma * (x - running_mean) / (running_var + eps) + beta

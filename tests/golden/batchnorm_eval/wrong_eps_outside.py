# expect: fail
# case: fixed 2x2, running stats 0 and 1
# hint: eps_outside_sqrt
# sqrt(running_var) + eps instead of sqrt(running_var + eps).
import numpy as np


def batchnorm_eval(x, running_mean, running_var, gamma, beta, eps=1e-5):
    return gamma * (x - running_mean) / (np.sqrt(running_var) + eps) + beta

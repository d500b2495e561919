# expect: fail
# case: fixed 2x3 with running stats
# hint: none
# Normalizes correctly but forgets gamma and beta.
import numpy as np


def batchnorm_eval(x, running_mean, running_var, gamma, beta, eps=1e-5):
    return (x - running_mean) / np.sqrt(running_var + eps)

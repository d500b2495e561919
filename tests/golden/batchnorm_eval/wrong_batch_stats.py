# expect: fail
# case: fixed 2x2, running stats 0 and 1
# hint: uses_batch_statistics
# Normalizes with the current batch's statistics, as in training.
import numpy as np


def batchnorm_eval(x, running_mean, running_var, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps) + beta

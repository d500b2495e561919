# expect: fail
# case: fixed N = 2, momentum 0.1
# hint: none
# Right numbers, returned as one stacked (2, D) array instead of a (mean, var) tuple.
import numpy as np


def update_running_stats(running_mean, running_var, x, momentum=0.1):
    mean = (1 - momentum) * running_mean + momentum * x.mean(axis=0)
    var = (1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1)
    return np.stack([mean, var])

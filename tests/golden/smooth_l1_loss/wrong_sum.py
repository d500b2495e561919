# expect: fail
# case: fixed 1-D, beta = 1
# hint: sum_not_mean
# Summed over elements instead of averaged.
import numpy as np


def smooth_l1_loss(pred, target, beta=1.0):
    d = np.abs(pred - target)
    return float(np.sum(np.where(d < beta, 0.5 * d**2 / beta, d - 0.5 * beta)))

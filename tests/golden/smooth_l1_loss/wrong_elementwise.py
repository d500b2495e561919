# expect: fail
# case: fixed 1-D, beta = 1
# hint: none
# Returns the per-element losses (reduction='none') instead of their mean.
import numpy as np


def smooth_l1_loss(pred, target, beta=1.0):
    d = np.abs(pred - target)
    return np.where(d < beta, 0.5 * d**2 / beta, d - 0.5 * beta)

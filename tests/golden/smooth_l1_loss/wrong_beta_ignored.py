# expect: fail
# case: fixed 2x2, beta = 2
# hint: none
# Hard-codes beta = 1.
import numpy as np


def smooth_l1_loss(pred, target, beta=1.0):
    d = np.abs(pred - target)
    return float(np.mean(np.where(d < 1.0, 0.5 * d**2, d - 0.5)))

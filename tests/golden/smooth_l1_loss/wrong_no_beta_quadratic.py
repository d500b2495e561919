# expect: fail
# case: fixed 2x2, beta = 2
# hint: quadratic_not_divided_by_beta
# Quadratic branch 0.5 * d**2 without the division by beta.
import numpy as np


def smooth_l1_loss(pred, target, beta=1.0):
    d = np.abs(pred - target)
    return float(np.mean(np.where(d < beta, 0.5 * d**2, d - 0.5 * beta)))

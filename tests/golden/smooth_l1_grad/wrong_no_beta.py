# expect: fail
# case: fixed 2x2, beta = 2
# hint: quadratic_not_divided_by_beta
# d instead of d / beta in the quadratic region.
import numpy as np


def smooth_l1_grad(pred, target, beta=1.0):
    d = pred - target
    return np.where(np.abs(d) < beta, d, np.sign(d)) / d.size

# expect: fail
# case: fixed 1-D, beta = 1
# hint: missing_mean_factor
# Gradient of the summed loss: the 1/size factor of the mean is missing.
import numpy as np


def smooth_l1_grad(pred, target, beta=1.0):
    d = pred - target
    return np.where(np.abs(d) < beta, d / beta, np.sign(d))

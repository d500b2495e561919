# expect: fail
# case: fixed 1-D, beta = 1
# hint: none
# Differentiates with respect to the target (d = target - pred): every sign is flipped.
import numpy as np


def smooth_l1_grad(pred, target, beta=1.0):
    d = target - pred
    return np.where(np.abs(d) < beta, d / beta, np.sign(d)) / d.size

# expect: fail
# case: fixed 2x2, beta = 2
# hint: huber_scaling
# Huber loss with delta = beta (beta times smooth L1).
import numpy as np


def smooth_l1_loss(pred, target, beta=1.0):
    d = np.abs(pred - target)
    return float(np.mean(np.where(d < beta, 0.5 * d**2, beta * (d - 0.5 * beta))))

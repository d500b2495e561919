# expect: fail
# case: fixed 1-D, beta = 1
# hint: l1_gradient_everywhere
# sign(d) / size everywhere: the L1 gradient, also inside |d| < beta.
import numpy as np


def smooth_l1_grad(pred, target, beta=1.0):
    d = pred - target
    return np.sign(d) / d.size

# expect: fail
# case: fixed labels [0, 2], C = 3, eps = 0.3
# hint: eps_over_c_minus_1
# The other common convention: eps spread over the C - 1 wrong classes.
import numpy as np


def label_smoothing(labels, num_classes, eps):
    out = np.full((len(labels), num_classes), eps / (num_classes - 1))
    out[np.arange(len(labels)), labels] = 1 - eps
    return out

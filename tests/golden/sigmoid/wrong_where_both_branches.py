# expect: fail
# case: large positive x up to 1e4
# hint: none
# np.where picks the right branch, but evaluates both, so exp(x) still overflows (RuntimeWarning).
import numpy as np


def sigmoid(x):
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))

# expect: fail
# case: large negative x down to -1e4
# hint: none
# 1 / (1 + exp(-x)): the values are right but exp(-x) overflows (RuntimeWarning) for x < -709.
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

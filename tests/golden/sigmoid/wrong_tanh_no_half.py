# expect: fail
# case: fixed [-2, -1, 0, 1, 2]
# hint: tanh_without_half
# The tanh identity with the argument not halved.
import numpy as np


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(x))

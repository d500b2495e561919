# expect: fail
# case: fixed fan_in = fan_out = 3 (a = 1)
# hint: none
# Returns a one-element array instead of a number.
import numpy as np


def xavier_uniform_bound(fan_in, fan_out):
    return np.sqrt(np.array([6.0 / (fan_in + fan_out)]))

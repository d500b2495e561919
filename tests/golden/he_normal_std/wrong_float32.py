# expect: fail
# case: fixed fan_in = 2 (std = 1)
# hint: none
# Right value as a float32 scalar.
import numpy as np


def he_normal_std(fan_in):
    return np.float32(np.sqrt(2.0 / fan_in))

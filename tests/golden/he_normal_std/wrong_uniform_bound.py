# expect: fail
# case: fixed fan_in = 2 (std = 1)
# hint: uniform_bound
# Returns the He uniform bound.
import math


def he_normal_std(fan_in):
    return math.sqrt(6 / fan_in)

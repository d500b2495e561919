# expect: fail
# case: fixed fan_in = fan_out = 3 (a = 1)
# hint: normal_std_not_uniform_bound
# Returns the Xavier normal standard deviation.
import math


def xavier_uniform_bound(fan_in, fan_out):
    return math.sqrt(2 / (fan_in + fan_out))

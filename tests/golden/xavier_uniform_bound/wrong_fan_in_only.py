# expect: fail
# case: fixed fan_in = fan_out = 3 (a = 1)
# hint: fan_in_only
# Uses fan_in alone (the He uniform bound).
import math


def xavier_uniform_bound(fan_in, fan_out):
    return math.sqrt(6 / fan_in)

# expect: fail
# case: fixed 10 -> 20
# hint: none
# Python 2 habit: 6 // (fan_in + fan_out) truncates to an integer.
import math


def xavier_uniform_bound(fan_in, fan_out):
    return math.sqrt(6 // (fan_in + fan_out))

# expect: fail
# case: fixed fan_in = 2 (std = 1)
# hint: lecun_std
# LeCun's 1 / fan_in variance, without ReLU's factor 2.
import math


def he_normal_std(fan_in):
    return math.sqrt(1 / fan_in)

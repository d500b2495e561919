# expect: error
# case: fixed [-2, -1, 0, 1, 2]
# hint: none
# Written for one number (an if on x, math.exp): raises on an array.
import math


def sigmoid(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    return math.exp(x) / (1.0 + math.exp(x))

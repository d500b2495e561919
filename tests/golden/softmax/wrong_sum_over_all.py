# expect: fail
# case: fixed 2x3
# hint: sum_over_whole_array
# Shift along the axis, but the normaliser sums the whole array.
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e)

# expect: error
# case: fixed 2x3
# hint: none
# The row maximum is taken without keepdims, so (2, 3) - (2,) cannot broadcast.
import numpy as np


def softmax(x, axis=-1):
    z = x - np.max(x, axis=axis)
    e = np.exp(z)
    return e / np.sum(e, axis=axis)

# expect: fail
# case: large |x| = 1e4
# hint: no_max_shift
# Textbook formula without subtracting the maximum: exp overflows for large inputs.
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)

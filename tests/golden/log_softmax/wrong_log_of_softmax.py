# expect: fail
# case: large |x| = 1e4
# hint: log_of_softmax
# Stable softmax, then log: -inf where the softmax underflows to 0.
import numpy as np


def log_softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return np.log(e / np.sum(e, axis=axis, keepdims=True))

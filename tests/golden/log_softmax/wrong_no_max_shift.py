# expect: fail
# case: large |x| = 1e4
# hint: no_max_shift
# log(sum(exp(x))) without the max shift overflows.
import numpy as np


def log_softmax(x, axis=-1):
    return x - np.log(np.sum(np.exp(x), axis=axis, keepdims=True))

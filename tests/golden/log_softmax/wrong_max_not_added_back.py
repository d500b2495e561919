# expect: fail
# case: fixed 2x3
# hint: max_not_added_back
# Log-sum-exp computed on the shifted values but subtracted from the unshifted x.
import numpy as np


def log_softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return x - np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))

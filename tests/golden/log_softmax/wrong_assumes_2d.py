# expect: fail
# case: fixed 1-D [0, ln 3]
# hint: none
# Assumes a 2-D input: the log-sum-exp is reshaped to a column, so a 1-D input comes back as (1, n).
import numpy as np


def log_softmax(x, axis=-1):
    m = np.max(x, axis=axis).reshape(-1, 1)
    lse = m + np.log(np.sum(np.exp(x - m), axis=axis)).reshape(-1, 1)
    return x - lse

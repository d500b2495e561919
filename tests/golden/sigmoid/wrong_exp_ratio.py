# expect: fail
# case: large positive x up to 1e4
# hint: exp_ratio_overflow
# exp(x) / (1 + exp(x)) is inf / inf = nan for large positive x.
import numpy as np


def sigmoid(x):
    e = np.exp(x)
    return e / (1.0 + e)

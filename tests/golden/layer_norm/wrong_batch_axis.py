# expect: fail
# case: fixed 2x3
# hint: batch_axis
# Statistics over axis 0: that is batch norm.
import numpy as np


def layer_norm(x, eps=1e-5):
    return (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)

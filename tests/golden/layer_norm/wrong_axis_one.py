# expect: fail
# case: random (2, 3, 4)
# hint: none
# Hard-codes axis=1, the feature axis of a 2-D input.
import numpy as np


def layer_norm(x, eps=1e-5):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps)

# expect: fail
# case: fixed 2x3
# hint: unbiased_variance
# ddof=1 variance.
import numpy as np


def layer_norm(x, eps=1e-5):
    axes = tuple(range(1, x.ndim))
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True, ddof=1)
    return (x - mu) / np.sqrt(var + eps)

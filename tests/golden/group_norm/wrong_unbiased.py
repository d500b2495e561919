# expect: fail
# case: fixed (1, 4, 1, 2), 2 groups
# hint: unbiased_variance
# ddof=1 variance within each group.
import numpy as np


def group_norm(x, num_groups, eps=1e-5):
    n, c, h, w = x.shape
    g = x.reshape(n, num_groups, -1)
    mu = g.mean(axis=2, keepdims=True)
    var = g.var(axis=2, keepdims=True, ddof=1)
    return ((g - mu) / np.sqrt(var + eps)).reshape(n, c, h, w)

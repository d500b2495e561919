# expect: fail
# case: fixed (1, 2, 2, 2), 1 group
# hint: num_groups_as_group_size
# Treats num_groups as the number of channels in each group.
import numpy as np


def group_norm(x, num_groups, eps=1e-5):
    n, c, h, w = x.shape
    g = x.reshape(n, c // num_groups, num_groups, h, w)
    mu = g.mean(axis=(2, 3, 4), keepdims=True)
    var = g.var(axis=(2, 3, 4), keepdims=True)
    return ((g - mu) / np.sqrt(var + eps)).reshape(n, c, h, w)

# expect: fail
# case: fixed (1, 4, 1, 2), 2 groups
# hint: interleaved_groups
# reshape(N, C // G, G, ...) puts channel k in group k % G instead of contiguous blocks.
import numpy as np


def group_norm(x, num_groups, eps=1e-5):
    n, c, h, w = x.shape
    g = x.reshape(n, c // num_groups, num_groups, h, w)
    mu = g.mean(axis=(1, 3, 4), keepdims=True)
    var = g.var(axis=(1, 3, 4), keepdims=True)
    return ((g - mu) / np.sqrt(var + eps)).reshape(n, c, h, w)

# expect: fail
# case: random stride 2, padding 1
# hint: none
# Computes the stride-1 map and then keeps every stride-th row and column, but starts
# the subsampling at offset 1 ("the centre"), so the sampled positions are shifted.
import numpy as np


def depthwise_conv2d(x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    full_h, full_w = xp.shape[2] - kh + 1, xp.shape[3] - kw + 1
    full = np.zeros((n, c, full_h, full_w))
    for a in range(kh):
        for b in range(kw):
            full += xp[:, :, a : a + full_h, b : b + full_w] * w[None, :, 0, a, b, None, None]
    ho = (full_h - 1) // stride + 1
    wo = (full_w - 1) // stride + 1
    start = 1 if stride > 1 else 0
    out = full[:, :, start::stride, start::stride]
    res = np.zeros((n, c, ho, wo))
    res[:, :, : out.shape[2], : out.shape[3]] = out[:, :, :ho, :wo]
    return res

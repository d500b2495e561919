# expect: fail
# case: random stride 2, padding 1
# hint: none
# Removes 2 * padding rows and columns from the end only, so the output is shifted.
import numpy as np


def conv_transpose2d(x, w, stride=1, padding=0):
    n, ci, h, wd = x.shape
    _, co, kh, kw = w.shape
    full = np.zeros((n, co, (h - 1) * stride + kh, (wd - 1) * stride + kw))
    for a in range(kh):
        for b in range(kw):
            full[:, :, a : a + stride * (h - 1) + 1 : stride, b : b + stride * (wd - 1) + 1 : stride] += np.einsum("nchw,co->nohw", x, w[:, :, a, b])
    hh, ww = full.shape[2:]
    return full[:, :, : hh - 2 * padding, : ww - 2 * padding]

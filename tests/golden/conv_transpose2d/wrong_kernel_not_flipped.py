# expect: fail
# case: fixed stride 2, no overlap
# hint: kernel-not-flipped
# The "insert zeros, pad k - p - 1, convolve" recipe, but the kernel is not flipped.
import numpy as np


def conv_transpose2d(x, w, stride=1, padding=0):
    n, ci, h, wd = x.shape
    _, co, kh, kw = w.shape
    up = np.zeros((n, ci, (h - 1) * stride + 1, (wd - 1) * stride + 1))
    up[:, :, ::stride, ::stride] = x
    up = np.pad(up, ((0, 0), (0, 0), (kh - 1 - padding, kh - 1 - padding), (kw - 1 - padding, kw - 1 - padding)))
    ho = up.shape[2] - kh + 1
    wo = up.shape[3] - kw + 1
    out = np.zeros((n, co, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = np.einsum("nckl,cokl->no", up[:, :, i : i + kh, j : j + kw], w)
    return out

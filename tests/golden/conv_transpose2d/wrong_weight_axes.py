# expect: error
# case: random (2, 3, 3, 3) -> 2 channels, 3x3
# hint: none
# Reads the weight as (C_out, C_in, KH, KW) like a conv2d weight; with C_in != C_out the
# contraction has mismatched axes.
import numpy as np


def conv_transpose2d(x, w, stride=1, padding=0):
    n, ci, h, wd = x.shape
    co, _, kh, kw = w.shape
    full = np.zeros((n, co, (h - 1) * stride + kh, (wd - 1) * stride + kw))
    for i in range(h):
        for j in range(wd):
            full[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw] += np.einsum("nc,ockl->nokl", x[:, :, i, j], w)
    hh, ww = full.shape[2:]
    return full[:, :, padding : hh - padding, padding : ww - padding]

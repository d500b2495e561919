# expect: fail
# case: random stride 2, padding 1
# hint: padding-not-cropped
# Scatter-add is right, but the padding argument is never used.
import numpy as np


def conv_transpose2d(x, w, stride=1, padding=0):
    n, ci, h, wd = x.shape
    _, co, kh, kw = w.shape
    out = np.zeros((n, co, (h - 1) * stride + kh, (wd - 1) * stride + kw))
    for i in range(h):
        for j in range(wd):
            out[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw] += np.einsum("nc,cokl->nokl", x[:, :, i, j], w)
    return out

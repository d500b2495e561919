# expect: fail
# case: fixed 2 -> 3 channels, 2x2 depthwise
# hint: pointwise-reshaped
# The 1x1 weights (F, C, 1, 1) are reshaped to (C, F) for a matmul instead of transposed.
import numpy as np


def depthwise_separable_conv2d(x, w_dw, w_pw, stride=1, padding=0):
    n, c, h, wd = x.shape
    kh, kw = w_dw.shape[2:]
    f = w_pw.shape[0]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    dw = np.zeros((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            dw[:, :, i, j] = np.sum(xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw] * w_dw[:, 0], axis=(2, 3))
    pw = w_pw.reshape(c, f)
    out = np.moveaxis(dw, 1, -1) @ pw  # (n, ho, wo, f)
    return np.moveaxis(out, -1, 1)

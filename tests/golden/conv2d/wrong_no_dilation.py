# expect: fail
# case: dilation 2
# hint: dilation-ignored
# im2col with stride and padding, but the dilation argument is never used.
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0, dilation=1):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    cols = np.empty((n, ho, wo, c * kh * kw))
    for i in range(ho):
        for j in range(wo):
            cols[:, i, j] = xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw].reshape(n, -1)
    out = cols @ w.reshape(f, -1).T  # (n, ho, wo, f)
    if b is not None:
        out = out + b
    return out.transpose(0, 3, 1, 2)

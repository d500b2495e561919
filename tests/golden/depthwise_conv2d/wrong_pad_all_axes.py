# expect: error
# case: random stride 2, padding 1
# hint: none
# np.pad(x, padding) pads every axis, batch and channels included, so there are more
# "channels" than filters as soon as padding > 0.
import numpy as np


def depthwise_conv2d(x, w, stride=1, padding=0):
    xp = np.pad(x, padding)
    n, c, hp, wp = xp.shape
    kh, kw = w.shape[2:]
    ho = (hp - kh) // stride + 1
    wo = (wp - kw) // stride + 1
    out = np.zeros((x.shape[0], c, ho, wo))
    for ch in range(c):
        k = w[ch, 0]
        for i in range(ho):
            for j in range(wo):
                out[:, ch, i, j] = np.sum(xp[padding : padding + x.shape[0], ch, i * stride : i * stride + kh, j * stride : j * stride + kw] * k, axis=(1, 2))
    return out

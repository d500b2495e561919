# expect: fail
# case: random (2, 3, 5, 5) -> 4 channels, padding 1
# hint: padding-twice
# A generic conv helper is reused for both steps with the same padding.
import numpy as np


def _conv(x, w, stride, padding):
    n, c, h, wd = x.shape
    f, cw, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, f, ho, wo))
    for a in range(kh):
        for b in range(kw):
            patch = xp[:, :, a : a + stride * (ho - 1) + 1 : stride, b : b + stride * (wo - 1) + 1 : stride]
            if cw == 1:  # depthwise: one filter per channel
                out += patch * w[:, 0, a, b][None, :, None, None]
            else:
                out += np.einsum("nchw,fc->nfhw", patch, w[:, :, a, b])
    return out


def depthwise_separable_conv2d(x, w_dw, w_pw, stride=1, padding=0):
    return _conv(_conv(x, w_dw, stride, padding), w_pw, 1, padding)

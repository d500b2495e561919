# expect: fail
# case: fixed 2 -> 3 channels, 2x2 depthwise
# hint: none
# The pointwise step is a tensordot over the channel axis, which leaves the channels
# last: (N, H_out, W_out, F) is returned instead of (N, F, H_out, W_out).
import numpy as np


def depthwise_separable_conv2d(x, w_dw, w_pw, stride=1, padding=0):
    n, c, h, wd = x.shape
    kh, kw = w_dw.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    dw = np.zeros((n, c, ho, wo))
    for a in range(kh):
        for b in range(kw):
            dw += xp[:, :, a : a + stride * (ho - 1) + 1 : stride, b : b + stride * (wo - 1) + 1 : stride] * w_dw[:, 0, a, b][None, :, None, None]
    return np.tensordot(dw, w_pw[:, :, 0, 0], axes=([1], [1]))

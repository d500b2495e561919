# expect: fail
# case: fixed 2 channels, 2x2 kernels
# hint: channels-summed
# Each filter is applied to every input channel and the results are summed, like a normal conv.
import numpy as np


def depthwise_conv2d(x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            patch = xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw]  # (n, c, kh, kw)
            for oc in range(c):
                out[:, oc, i, j] = np.sum(patch * w[oc, 0], axis=(1, 2, 3))
    return out

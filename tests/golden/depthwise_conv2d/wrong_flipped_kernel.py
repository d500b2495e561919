# expect: fail
# case: fixed 2 channels, 2x2 kernels
# hint: flipped-kernel
# Per-channel "true" convolution: each filter is rotated by 180 degrees.
import numpy as np


def depthwise_conv2d(x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    k = np.flip(w[:, 0], axis=(1, 2))  # (c, kh, kw)
    out = np.zeros((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = np.einsum("nckl,ckl->nc", xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw], k)
    return out

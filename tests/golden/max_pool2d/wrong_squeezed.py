# expect: fail
# case: fixed 4x4, kernel 2, stride 2
# hint: none
# Squeezes the result, so a batch of 1 or a single channel loses its axis.
import numpy as np


def max_pool2d(x, kernel, stride):
    n, c, h, w = x.shape
    ho = (h - kernel) // stride + 1
    wo = (w - kernel) // stride + 1
    out = np.empty((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel].max(axis=(2, 3))
    return out.squeeze()

# expect: fail
# case: partial window at the border dropped
# hint: ceil-mode
# Output size rounded up; the last window is clipped at the border.
import math

import numpy as np


def max_pool2d(x, kernel, stride):
    n, c, h, w = x.shape
    ho = math.ceil((h - kernel) / stride) + 1
    wo = math.ceil((w - kernel) / stride) + 1
    out = np.empty((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel].max(axis=(2, 3))
    return out

# expect: fail
# case: random (2, 3, 6, 6), kernel 2, stride 2
# hint: zero-initial-max
# The running maximum of each window starts at 0.
import numpy as np


def max_pool2d(x, kernel, stride):
    n, c, h, w = x.shape
    ho = (h - kernel) // stride + 1
    wo = (w - kernel) // stride + 1
    out = np.zeros((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            for a in range(kernel):
                for b in range(kernel):
                    out[:, :, i, j] = np.maximum(out[:, :, i, j], x[:, :, i * stride + a, j * stride + b])
    return out

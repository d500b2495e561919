# expect: fail
# case: ties within a window
# hint: gradient-to-every-tie
# Mask of "equals the window max": every tied maximum gets the gradient.
import numpy as np


def max_pool2d_backward(dout, x, kernel, stride):
    dx = np.zeros_like(x, dtype=np.float64)
    ho, wo = dout.shape[2:]
    for i in range(ho):
        for j in range(wo):
            win = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel]
            mask = win == win.max(axis=(2, 3), keepdims=True)
            dx[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel] += mask * dout[:, :, i, j][:, :, None, None]
    return dx

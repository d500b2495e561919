# expect: fail
# case: fixed 4x4, kernel 2, stride 2
# hint: not-divided
# Copies dout to every cell of its window.
import numpy as np


def avg_pool2d_backward(dout, x_shape, kernel, stride):
    dx = np.zeros(x_shape)
    ho, wo = dout.shape[2:]
    for i in range(ho):
        for j in range(wo):
            dx[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel] += dout[:, :, i : i + 1, j : j + 1]
    return dx

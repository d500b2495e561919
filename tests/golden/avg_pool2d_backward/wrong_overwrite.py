# expect: fail
# case: fixed 3x3, overlapping kernel 2, stride 1
# hint: overlap-overwritten
# Divides correctly but assigns, so a later window overwrites an earlier one.
import numpy as np


def avg_pool2d_backward(dout, x_shape, kernel, stride):
    dx = np.zeros(x_shape)
    ho, wo = dout.shape[2:]
    for i in range(ho):
        for j in range(wo):
            dx[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel] = dout[:, :, i : i + 1, j : j + 1] / kernel**2
    return dx

# expect: fail
# case: fixed 4x4, kernel 2, stride 2
# hint: divided-by-kernel
import numpy as np


def avg_pool2d_backward(dout, x_shape, kernel, stride):
    n, c, h, w = x_shape
    dx = np.zeros((n, c, h, w))
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            for a in range(kernel):
                for b in range(kernel):
                    dx[:, :, i * stride + a, j * stride + b] += dout[:, :, i, j] / kernel
    return dx

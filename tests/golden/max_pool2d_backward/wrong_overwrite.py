# expect: fail
# case: overlapping windows, kernel 3, stride 1
# hint: overlap-overwritten
# Uses the argmax of each window but assigns instead of accumulating.
import numpy as np


def max_pool2d_backward(dout, x, kernel, stride):
    n, c, h, w = x.shape
    dx = np.zeros((n, c, h, w))
    ho, wo = dout.shape[2:]
    for a in range(n):
        for b in range(c):
            for i in range(ho):
                for j in range(wo):
                    win = x[a, b, i * stride : i * stride + kernel, j * stride : j * stride + kernel]
                    p, q = np.unravel_index(np.argmax(win), win.shape)
                    dx[a, b, i * stride + p, j * stride + q] = dout[a, b, i, j]
    return dx

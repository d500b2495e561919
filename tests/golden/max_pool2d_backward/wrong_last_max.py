# expect: fail
# case: ties within a window
# hint: last-maximum
# Scans the window with >=, so on ties the last maximum wins.
import numpy as np


def max_pool2d_backward(dout, x, kernel, stride):
    n, c, h, w = x.shape
    dx = np.zeros((n, c, h, w))
    ho, wo = dout.shape[2:]
    for a in range(n):
        for b in range(c):
            for i in range(ho):
                for j in range(wo):
                    best, pos = -np.inf, None
                    for p in range(kernel):
                        for q in range(kernel):
                            v = x[a, b, i * stride + p, j * stride + q]
                            if v >= best:
                                best, pos = v, (i * stride + p, j * stride + q)
                    dx[a, b, pos[0], pos[1]] += dout[a, b, i, j]
    return dx

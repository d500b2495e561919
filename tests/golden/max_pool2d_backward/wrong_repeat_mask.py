# expect: fail
# case: ties within a window
# hint: gradient-to-every-tie
# Upsamples the pooled max and dout with np.repeat and compares with x: only valid when
# stride == kernel and the map tiles exactly (it raises otherwise), and every tied
# maximum gets the gradient.
import numpy as np


def max_pool2d_backward(dout, x, kernel, stride):
    n, c, h, w = x.shape
    pooled = x.reshape(n, c, h // kernel, kernel, w // kernel, kernel).max(axis=(3, 5))
    up_max = pooled.repeat(kernel, axis=2).repeat(kernel, axis=3)
    up_grad = dout.repeat(kernel, axis=2).repeat(kernel, axis=3)
    return (x == up_max) * up_grad

# expect: fail
# case: fixed 4x4, overlapping kernel 2, stride 1
# hint: stride-equals-kernel
# The reshape trick only does non-overlapping pooling (stride == kernel) on maps whose
# size is a multiple of the kernel; it ignores stride and raises on other sizes.
import numpy as np


def max_pool2d(x, kernel, stride):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // kernel, kernel, w // kernel, kernel).max(axis=(3, 5))

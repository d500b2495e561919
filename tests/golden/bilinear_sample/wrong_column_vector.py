# expect: fail
# case: fixed 2x2 image, centre point
# hint: none
# Builds the result as a column, (n, 1) instead of y's shape.
import numpy as np


def bilinear_sample(img, y, x):
    h, w = img.shape
    ys = np.ravel(y)
    xs = np.ravel(x)
    out = np.zeros((ys.size, 1))
    for i in range(ys.size):
        for r in range(h):
            for c in range(w):
                out[i, 0] += max(0.0, 1 - abs(r - ys[i])) * max(0.0, 1 - abs(c - xs[i])) * img[r, c]
    return out

# expect: error
# case: fixed 2x3 image, y is the row
# hint: none
# Reads the four neighbours without checking the image bounds: on the last row the
# lower neighbour's index is H (even though its weight is 0) and indexing raises.
import numpy as np


def bilinear_sample(img, y, x):
    y0 = np.floor(y).astype(int)
    x0 = np.floor(x).astype(int)
    wy, wx = y - y0, x - x0
    return (
        img[y0, x0] * (1 - wy) * (1 - wx)
        + img[y0, x0 + 1] * (1 - wy) * wx
        + img[y0 + 1, x0] * wy * (1 - wx)
        + img[y0 + 1, x0 + 1] * wy * wx
    )

# expect: fail
# case: random points, some outside
# hint: clamped-to-border
# Clamps the coordinates into the image (border replication) instead of zero padding.
import numpy as np


def bilinear_sample(img, y, x):
    h, w = img.shape
    y = np.clip(y, 0, h - 1)
    x = np.clip(x, 0, w - 1)
    y0 = np.floor(y).astype(int)
    x0 = np.floor(x).astype(int)
    y1 = np.minimum(y0 + 1, h - 1)
    x1 = np.minimum(x0 + 1, w - 1)
    wy, wx = y - y0, x - x0
    return (
        img[y0, x0] * (1 - wy) * (1 - wx)
        + img[y0, x1] * (1 - wy) * wx
        + img[y1, x0] * wy * (1 - wx)
        + img[y1, x1] * wy * wx
    )

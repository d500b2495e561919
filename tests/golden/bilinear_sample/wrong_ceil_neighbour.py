# expect: fail
# case: fixed 2x3 image, y is the row
# hint: ceil-neighbour
# Neighbours from floor() and ceil(): at an integer coordinate both are the same pixel
# and both weights (ceil - y) and (y - floor) are 0.
import numpy as np


def bilinear_sample(img, y, x):
    h, w = img.shape
    out = np.zeros(np.shape(y))
    for idx in np.ndindex(out.shape):
        yy, xx = y[idx], x[idx]
        y0, y1 = int(np.floor(yy)), int(np.ceil(yy))
        x0, x1 = int(np.floor(xx)), int(np.ceil(xx))

        def px(r, c):
            return img[r, c] if 0 <= r < h and 0 <= c < w else 0.0

        out[idx] = (
            px(y0, x0) * (y1 - yy) * (x1 - xx)
            + px(y0, x1) * (y1 - yy) * (xx - x0)
            + px(y1, x0) * (yy - y0) * (x1 - xx)
            + px(y1, x1) * (yy - y0) * (xx - x0)
        )
    return out

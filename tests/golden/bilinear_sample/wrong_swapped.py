# expect: fail
# case: fixed 2x3 image, y is the row
# hint: x-and-y-swapped
# Treats x as the row and y as the column.
import numpy as np


def bilinear_sample(img, y, x):
    h, w = img.shape
    out = np.zeros(np.shape(y))
    for idx in np.ndindex(out.shape):
        r, c = x[idx], y[idx]
        r0, c0 = int(np.floor(r)), int(np.floor(c))
        total = 0.0
        for rr in (r0, r0 + 1):
            for cc in (c0, c0 + 1):
                if 0 <= rr < h and 0 <= cc < w:
                    total += max(0.0, 1 - abs(rr - r)) * max(0.0, 1 - abs(cc - c)) * img[rr, cc]
        out[idx] = total
    return out

# expect: fail
# case: fixed (2, 2)
# hint: none
import numpy as np


def swin_relative_position_index(window_size):
    wh, ww = window_size
    n = wh * ww
    out = np.zeros((n, n))  # float64 table: cannot index a bias table
    for i in range(n):
        for j in range(n):
            dh = i // ww - j // ww + wh - 1
            dw = i % ww - j % ww + ww - 1
            out[i, j] = dh * (2 * ww - 1) + dw
    return out

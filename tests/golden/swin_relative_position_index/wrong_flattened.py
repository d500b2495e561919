# expect: fail
# case: fixed (2, 2)
# hint: none
import numpy as np


def swin_relative_position_index(window_size):
    wh, ww = window_size
    h = np.repeat(np.arange(wh), ww)
    w = np.tile(np.arange(ww), wh)
    idx = (h[:, None] - h[None, :] + wh - 1) * (2 * ww - 1) + (w[:, None] - w[None, :] + ww - 1)
    return idx.reshape(-1)  # ready for table[index.view(-1)], but the wrong shape

# expect: fail
# case: fixed (2, 2)
# hint: plain-sum
import numpy as np


def swin_relative_position_index(window_size):
    wh, ww = window_size
    coords = np.stack(np.meshgrid(np.arange(wh), np.arange(ww), indexing="ij")).reshape(2, -1)
    rel = coords[:, :, None] - coords[:, None, :]
    rel[0] += wh - 1
    rel[1] += ww - 1
    return rel[0] + rel[1]

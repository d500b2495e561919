# expect: fail
# case: fixed 4x4, window 2, shift 1
# hint: minus-inf
import numpy as np


def swin_attention_mask(H, W, window_size, shift_size):
    ws, s = window_size, shift_size
    img = np.zeros((H, W))
    cnt = 0
    for h in (slice(0, -ws), slice(-ws, -s), slice(-s, None)):
        for w in (slice(0, -ws), slice(-ws, -s), slice(-s, None)):
            img[h, w] = cnt
            cnt += 1
    win = img.reshape(H // ws, ws, W // ws, ws).transpose(0, 2, 1, 3).reshape(-1, ws * ws)
    return np.where(win[:, None, :] == win[:, :, None], 0.0, -np.inf)

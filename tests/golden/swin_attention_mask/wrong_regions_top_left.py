# expect: fail
# case: fixed 4x4, window 2, shift 1
# hint: regions-at-top-left
import numpy as np


def swin_attention_mask(H, W, window_size, shift_size):
    img = np.zeros((H, W))
    cuts = (slice(0, shift_size), slice(shift_size, window_size), slice(window_size, None))
    cnt = 0
    for h in cuts:
        for w in cuts:
            img[h, w] = cnt
            cnt += 1
    ws = window_size
    win = img.reshape(H // ws, ws, W // ws, ws).transpose(0, 2, 1, 3).reshape(-1, ws * ws)
    diff = win[:, None, :] - win[:, :, None]
    return np.where(diff != 0, -100.0, 0.0)

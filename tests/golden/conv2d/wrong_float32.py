# expect: fail
# case: fixed 3x3 input, 2x2 kernel
# hint: none
# Right algorithm, but the output buffer is float32 (the catalogue wants float64).
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0, dilation=1):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (wd + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    out = np.zeros((n, f, ho, wo), dtype=np.float32)
    for i in range(ho):
        for j in range(wo):
            r, s = i * stride, j * stride
            patch = xp[:, :, r : r + dilation * (kh - 1) + 1 : dilation, s : s + dilation * (kw - 1) + 1 : dilation]
            out[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    if b is not None:
        out += b[None, :, None, None].astype(np.float32)
    return out

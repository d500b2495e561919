# expect: fail
# case: random stride 2, padding 1
# hint: none
# All 2*padding zeros go after the image (bottom/right) instead of padding on each side.
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0, dilation=1):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)))
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (wd + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    out = np.zeros((n, f, ho, wo))
    for a in range(kh):
        for q in range(kw):
            r, s = a * dilation, q * dilation
            patch = xp[:, :, r : r + stride * (ho - 1) + 1 : stride, s : s + stride * (wo - 1) + 1 : stride]
            out += np.einsum("nchw,fc->nfhw", patch, w[:, :, a, q])
    if b is not None:
        out += b[None, :, None, None]
    return out

# expect: fail
# case: random stride 2
# hint: stride-twice
# Both convolutions get the same stride (and padding 0 for the 1x1, correctly).
import numpy as np


def _conv(x, w, stride, padding, groups):
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, f, ho, wo))
    per_group = f // groups
    for o in range(f):
        g = o // per_group
        xs = xp[:, g * cg : (g + 1) * cg]
        for i in range(ho):
            for j in range(wo):
                out[:, o, i, j] = np.sum(xs[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw] * w[o], axis=(1, 2, 3))
    return out


def depthwise_separable_conv2d(x, w_dw, w_pw, stride=1, padding=0):
    c = x.shape[1]
    d = _conv(x, w_dw, stride, padding, groups=c)
    return _conv(d, w_pw, stride, 0, groups=1)

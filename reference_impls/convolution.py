"""Convolution and pooling: reference solutions (NumPy only).

Conventions (see ``shared/spec/code-questions.md``, "Convolution and pooling"):

* feature maps are NCHW, conv weights are (F, C, KH, KW) as in PyTorch;
* ``conv2d`` is a cross-correlation (the kernel is NOT flipped), like
  ``torch.nn.functional.conv2d``;
* stride, padding and dilation are ints applied to both spatial axes; padding
  is zero padding on every side; pooling has no padding and drops a partial
  window at the border (PyTorch's ``ceil_mode=False``);
* float results are float64, sizes and counts are Python ints.
"""

from __future__ import annotations

import numpy as np


def _out_len(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def conv2d(x, w, b=None, stride=1, padding=0, dilation=1):
    """2-D cross-correlation, as ``torch.nn.functional.conv2d`` (groups=1).

    x (N, C, H, W), w (F, C, KH, KW), b (F,) or None; int stride, padding
    (zeros on all four sides) and dilation. Returns (N, F, H_out, W_out) float64
    with H_out = floor((H + 2*padding - dilation*(KH - 1) - 1) / stride) + 1.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    ho = _out_len(h, kh, stride, padding, dilation)
    wo = _out_len(wd, kw, stride, padding, dilation)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, f, ho, wo))
    for i in range(kh):
        for j in range(kw):
            r0, c0 = i * dilation, j * dilation
            patch = xp[:, :, r0 : r0 + stride * (ho - 1) + 1 : stride, c0 : c0 + stride * (wo - 1) + 1 : stride]
            # (N, C, Ho, Wo) x (F, C) -> (N, F, Ho, Wo)
            out += np.einsum("nchw,fc->nfhw", patch, w[:, :, i, j])
    if b is not None:
        out += np.asarray(b, dtype=np.float64).reshape(1, f, 1, 1)
    return out


def depthwise_conv2d(x, w, stride=1, padding=0):
    """Depthwise convolution: channel c of x is cross-correlated with w[c, 0] only.

    x (N, C, H, W), w (C, 1, KH, KW); int stride and zero padding; no bias.
    Same as ``torch.nn.functional.conv2d(x, w, stride=stride, padding=padding,
    groups=C)``. Returns (N, C, H_out, W_out) float64.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    n, c, h, wd = x.shape
    _, _, kh, kw = w.shape
    ho = _out_len(h, kh, stride, padding, 1)
    wo = _out_len(wd, kw, stride, padding, 1)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, c, ho, wo))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i : i + stride * (ho - 1) + 1 : stride, j : j + stride * (wo - 1) + 1 : stride]
            out += patch * w[:, 0, i, j].reshape(1, c, 1, 1)
    return out


def depthwise_separable_conv2d(x, w_dw, w_pw, stride=1, padding=0):
    """Depthwise conv (w_dw (C, 1, KH, KW), with stride and padding), then a
    pointwise 1x1 conv (w_pw (F, C, 1, 1), stride 1, no padding); no bias.

    x (N, C, H, W) -> (N, F, H_out, W_out) float64.
    """
    d = depthwise_conv2d(x, w_dw, stride=stride, padding=padding)
    w_pw = np.asarray(w_pw, dtype=np.float64)
    return np.einsum("nchw,fc->nfhw", d, w_pw[:, :, 0, 0])


def conv_transpose2d(x, w, stride=1, padding=0):
    """Transposed convolution, as ``torch.nn.functional.conv_transpose2d``.

    x (N, C_in, H, W), w (C_in, C_out, KH, KW) (note: in-channels first);
    int stride and padding, no output_padding, dilation 1, no bias.
    Each input pixel scatters x[n, ci, i, j] * w[ci, :, :, :] into the output at
    (i*stride, j*stride); then ``padding`` rows/columns are cropped from every
    side. Returns (N, C_out, (H-1)*stride - 2*padding + KH, ...) float64.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    n, _, h, wd = x.shape
    _, co, kh, kw = w.shape
    full_h = (h - 1) * stride + kh
    full_w = (wd - 1) * stride + kw
    full = np.zeros((n, co, full_h, full_w))
    for i in range(kh):
        for j in range(kw):
            # contribution of kernel tap (i, j) of every input pixel
            contrib = np.einsum("nchw,co->nohw", x, w[:, :, i, j])
            full[:, :, i : i + stride * (h - 1) + 1 : stride, j : j + stride * (wd - 1) + 1 : stride] += contrib
    return full[:, :, padding : full_h - padding, padding : full_w - padding].copy()


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    """Output length of one spatial axis of a conv (or pooling) layer:
    floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1, a Python int."""
    return int(_out_len(int(size), int(kernel), int(stride), int(padding), int(dilation)))


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0):
    """Output length of one spatial axis of a transposed conv (dilation 1):
    (size - 1)*stride - 2*padding + kernel + output_padding, a Python int."""
    return int((size - 1) * stride - 2 * padding + kernel + output_padding)


def conv2d_macs(c_in, c_out, kernel, h_out, w_out, groups=1):
    """Multiply-accumulates of a conv layer with a square kernel, bias not counted:
    every one of the c_out * h_out * w_out outputs sums (c_in / groups) * kernel**2
    products. A Python int."""
    return int(c_out * h_out * w_out * (c_in // groups) * kernel * kernel)


def max_pool2d(x, kernel, stride):
    """Max pooling with a square int kernel and int stride, no padding.

    x (N, C, H, W) -> (N, C, H_out, W_out) float64 with
    H_out = floor((H - kernel) / stride) + 1 (a partial window is dropped).
    """
    x = np.asarray(x, dtype=np.float64)
    n, c, h, wd = x.shape
    ho = (h - kernel) // stride + 1
    wo = (wd - kernel) // stride + 1
    out = np.full((n, c, ho, wo), -np.inf)
    for i in range(kernel):
        for j in range(kernel):
            patch = x[:, :, i : i + stride * (ho - 1) + 1 : stride, j : j + stride * (wo - 1) + 1 : stride]
            out = np.maximum(out, patch)
    return out


def max_pool2d_backward(dout, x, kernel, stride):
    """Gradient of ``max_pool2d(x, kernel, stride)`` with respect to x.

    dout (N, C, H_out, W_out), x (N, C, H, W) -> dx (N, C, H, W) float64.
    In each window the whole gradient goes to the FIRST maximum in row-major
    order (as PyTorch's CPU kernel does on ties); when windows overlap
    (stride < kernel) the contributions add up.
    """
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    n, c, h, wd = x.shape
    ho, wo = dout.shape[2], dout.shape[3]
    dx = np.zeros((n, c, h, wd))
    for oi in range(ho):
        for oj in range(wo):
            r, s = oi * stride, oj * stride
            window = x[:, :, r : r + kernel, s : s + kernel].reshape(n, c, kernel * kernel)
            arg = np.argmax(window, axis=2)  # first maximum in row-major order
            ki, kj = np.divmod(arg, kernel)
            nn, cc = np.meshgrid(np.arange(n), np.arange(c), indexing="ij")
            np.add.at(dx, (nn, cc, r + ki, s + kj), dout[:, :, oi, oj])
    return dx


def avg_pool2d_backward(dout, x_shape, kernel, stride):
    """Gradient of average pooling (square int kernel, int stride, no padding).

    dout (N, C, H_out, W_out), x_shape = (N, C, H, W) -> dx with shape x_shape,
    float64: each window adds dout / kernel**2 to each of its kernel*kernel
    cells; overlapping windows add up; cells in no window get 0.
    """
    dout = np.asarray(dout, dtype=np.float64)
    n, c, h, wd = (int(s) for s in x_shape)
    ho, wo = dout.shape[2], dout.shape[3]
    dx = np.zeros((n, c, h, wd))
    share = dout / (kernel * kernel)
    for i in range(kernel):
        for j in range(kernel):
            dx[:, :, i : i + stride * (ho - 1) + 1 : stride, j : j + stride * (wo - 1) + 1 : stride] += share
    return dx


def receptive_field(layers):
    """Receptive field (in input pixels) of one unit after a stack of layers.

    layers: list of (kernel, stride) or (kernel, stride, dilation), first layer
    first. Returns 1 + sum_l (k_l - 1) * d_l * prod(strides of layers before l),
    a Python int; 1 for an empty list.
    """
    rf, jump = 1, 1
    for layer in layers:
        k, s = int(layer[0]), int(layer[1])
        d = int(layer[2]) if len(layer) > 2 else 1
        rf += (k - 1) * d * jump
        jump *= s
    return rf


def bilinear_sample(img, y, x):
    """Bilinear interpolation of img (H, W) at float points (y[i], x[i]).

    y is the row coordinate, x the column coordinate, both of one shape S.
    value = sum over pixels q of max(0, 1-|qy - y|) * max(0, 1-|qx - x|) * img[q],
    i.e. each of the four neighbours contributes only if it lies inside the
    image (zero padding, as in deformable convolution). Returns float64 of shape S.
    """
    img = np.asarray(img, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    h, wd = img.shape
    y0 = np.floor(y)
    x0 = np.floor(x)
    out = np.zeros(np.broadcast(y, x).shape)
    for dy in (0, 1):
        for dx in (0, 1):
            qy, qx = y0 + dy, x0 + dx
            weight = np.maximum(0.0, 1 - np.abs(qy - y)) * np.maximum(0.0, 1 - np.abs(qx - x))
            inside = (qy >= 0) & (qy <= h - 1) & (qx >= 0) & (qx <= wd - 1)
            iy = np.where(inside, qy, 0).astype(np.int64)
            ix = np.where(inside, qx, 0).astype(np.int64)
            out += np.where(inside, weight * img[iy, ix], 0.0)
    return out

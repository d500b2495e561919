"""Grader cases and known mistakes: "Convolution and pooling".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases
aimed at the classic bugs (stride > kernel, dilation 2, non-square maps, ties
in max pooling, overlapping windows, points outside the image ...).
"""

from __future__ import annotations

import math

import numpy as np

from reference_impls import convolution as ref

from ..spec import Case, FunctionSpec, Mistake

# ---------------------------------------------------------------- helpers


def _arange(*shape: int) -> np.ndarray:
    return np.arange(float(np.prod(shape))).reshape(shape)


def _normal(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.normal(size=shape)


def _pool_out(h: int, k: int, s: int) -> int:
    return (h - k) // s + 1


# ================================================================ conv2d


def _conv2d_cases(rng: np.random.Generator) -> list[Case]:
    x1 = _arange(1, 1, 3, 3)
    w1 = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    x2 = np.array([[[[1.0, 0.0, 2.0], [0.0, 1.0, 0.0], [3.0, 0.0, 1.0]]]])
    w2 = np.array([[[[1.0, 0.0], [0.0, 1.0]]], [[[0.0, 1.0], [1.0, 0.0]]]])
    return [
        Case("fixed 3x3 input, 2x2 kernel", (x1, w1)),
        Case("fixed 2 filters with bias", (x2, w2, np.array([0.5, -1.0]))),
        Case(
            "random (2, 3, 5, 5), 3x3, bias",
            (_normal(rng, 2, 3, 5, 5), _normal(rng, 4, 3, 3, 3), _normal(rng, 4)),
        ),
        Case(
            "random stride 2, padding 1",
            (_normal(rng, 2, 2, 7, 6), _normal(rng, 3, 2, 3, 3), _normal(rng, 3)),
            {"stride": 2, "padding": 1},
        ),
        Case("batch of 1, non-square 4x6 map", (_normal(rng, 1, 2, 4, 6), _normal(rng, 2, 2, 3, 3), None)),
        Case(
            "non-square 2x3 kernel",
            (_normal(rng, 1, 2, 5, 5), _normal(rng, 3, 2, 2, 3), None),
            {"padding": 1},
        ),
        Case(
            "stride > kernel",
            (_normal(rng, 1, 2, 7, 7), _normal(rng, 2, 2, 2, 2), _normal(rng, 2)),
            {"stride": 3},
        ),
        Case("dilation 2", (_normal(rng, 1, 2, 7, 6), _normal(rng, 2, 2, 3, 3), None), {"dilation": 2}),
        Case(
            "dilation 2 with padding 2 and stride 2",
            (_normal(rng, 2, 1, 6, 8), _normal(rng, 2, 1, 3, 3), _normal(rng, 2)),
            {"stride": 2, "padding": 2, "dilation": 2},
        ),
        Case("1x1 kernel", (_normal(rng, 1, 3, 3, 4), _normal(rng, 2, 3, 1, 1), _normal(rng, 2))),
        Case(
            "padding wider than the kernel",
            (_normal(rng, 1, 1, 3, 3), _normal(rng, 1, 1, 2, 2), np.array([1.0])),
            {"padding": 2},
        ),
    ]


def _conv2d_flipped(x, w, b=None, stride=1, padding=0, dilation=1):
    return ref.conv2d(x, np.asarray(w)[:, :, ::-1, ::-1], b, stride, padding, dilation)


def _conv2d_no_dilation(x, w, b=None, stride=1, padding=0, dilation=1):
    return ref.conv2d(x, w, b, stride, padding, 1)


def _conv2d_no_bias(x, w, b=None, stride=1, padding=0, dilation=1):
    return ref.conv2d(x, w, None, stride, padding, dilation)


# ================================================================ depthwise


def _depthwise_cases(rng: np.random.Generator) -> list[Case]:
    x1 = np.stack([_arange(3, 3), np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [0.0, 0.0, 2.0]])])[None]
    w1 = np.array([[[[1.0, 0.0], [0.0, 1.0]]], [[[1.0, 2.0], [0.0, 0.0]]]])
    return [
        Case("fixed 2 channels, 2x2 kernels", (x1, w1)),
        Case("random (2, 3, 5, 5), 3x3", (_normal(rng, 2, 3, 5, 5), _normal(rng, 3, 1, 3, 3))),
        Case(
            "random stride 2, padding 1",
            (_normal(rng, 2, 4, 6, 6), _normal(rng, 4, 1, 3, 3)),
            {"stride": 2, "padding": 1},
        ),
        Case("batch of 1, non-square 4x7 map", (_normal(rng, 1, 2, 4, 7), _normal(rng, 2, 1, 3, 3))),
        Case("non-square 3x2 kernel", (_normal(rng, 1, 3, 5, 5), _normal(rng, 3, 1, 3, 2)), {"padding": 1}),
        Case("stride > kernel", (_normal(rng, 1, 2, 7, 7), _normal(rng, 2, 1, 2, 2)), {"stride": 3}),
        Case("single channel", (_normal(rng, 2, 1, 4, 4), _normal(rng, 1, 1, 2, 2))),
        Case("padding 2", (_normal(rng, 1, 3, 3, 4), _normal(rng, 3, 1, 3, 3)), {"padding": 2}),
    ]


def _depthwise_summed(x, w, stride=1, padding=0):
    """Every filter sees the sum of all input channels (a regular conv with tied weights)."""
    x = np.asarray(x, dtype=np.float64)
    summed = np.repeat(x.sum(axis=1, keepdims=True), x.shape[1], axis=1)
    return ref.depthwise_conv2d(summed, w, stride, padding)


def _depthwise_flipped(x, w, stride=1, padding=0):
    return ref.depthwise_conv2d(x, np.asarray(w)[:, :, ::-1, ::-1], stride, padding)


# ================================================================ depthwise separable


def _separable_cases(rng: np.random.Generator) -> list[Case]:
    x1 = np.stack([_arange(3, 3), np.ones((3, 3))])[None]
    w_dw1 = np.array([[[[1.0, 0.0], [0.0, 1.0]]], [[[1.0, 1.0], [1.0, 1.0]]]])
    w_pw1 = np.array([[1.0, 0.0], [1.0, -1.0], [0.0, 2.0]]).reshape(3, 2, 1, 1)
    return [
        Case("fixed 2 -> 3 channels, 2x2 depthwise", (x1, w_dw1, w_pw1)),
        Case(
            "random (2, 3, 5, 5) -> 4 channels, padding 1",
            (_normal(rng, 2, 3, 5, 5), _normal(rng, 3, 1, 3, 3), _normal(rng, 4, 3, 1, 1)),
            {"padding": 1},
        ),
        Case(
            "random stride 2",
            (_normal(rng, 1, 2, 6, 6), _normal(rng, 2, 1, 3, 3), _normal(rng, 5, 2, 1, 1)),
            {"stride": 2},
        ),
        Case(
            "batch of 1, non-square 4x7 map",
            (_normal(rng, 1, 3, 4, 7), _normal(rng, 3, 1, 3, 3), _normal(rng, 2, 3, 1, 1)),
        ),
        Case(
            "stride > kernel",
            (_normal(rng, 1, 2, 7, 7), _normal(rng, 2, 1, 2, 2), _normal(rng, 3, 2, 1, 1)),
            {"stride": 3},
        ),
        Case(
            "stride 2 and padding 1 together",
            (_normal(rng, 2, 3, 5, 6), _normal(rng, 3, 1, 3, 3), _normal(rng, 2, 3, 1, 1)),
            {"stride": 2, "padding": 1},
        ),
        Case(
            "fewer output than input channels",
            (_normal(rng, 1, 4, 4, 4), _normal(rng, 4, 1, 2, 2), _normal(rng, 1, 4, 1, 1)),
        ),
        Case(
            "non-square 2x3 depthwise kernel",
            (_normal(rng, 1, 2, 5, 5), _normal(rng, 2, 1, 2, 3), _normal(rng, 3, 2, 1, 1)),
            {"padding": 1},
        ),
    ]


def _separable_reshape(x, w_dw, w_pw, stride=1, padding=0):
    """Pointwise weights reshaped to (C, F) instead of transposed."""
    d = ref.depthwise_conv2d(x, w_dw, stride, padding)
    w_pw = np.asarray(w_pw, dtype=np.float64)
    f, c = w_pw.shape[:2]
    return np.einsum("nchw,cf->nfhw", d, w_pw.reshape(c, f))


def _separable_stride_twice(x, w_dw, w_pw, stride=1, padding=0):
    d = ref.depthwise_conv2d(x, w_dw, stride, padding)
    return ref.conv2d(d, w_pw, stride=stride)


def _separable_pad_twice(x, w_dw, w_pw, stride=1, padding=0):
    d = ref.depthwise_conv2d(x, w_dw, stride, padding)
    return ref.conv2d(d, w_pw, padding=padding)


# ================================================================ conv_transpose2d


def _conv_transpose_cases(rng: np.random.Generator) -> list[Case]:
    x1 = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    w1 = np.array([[[[1.0, 1.0], [1.0, 1.0]]]])
    w2 = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    return [
        Case("fixed 2x2 input, 2x2 ones kernel", (x1, w1)),
        Case("fixed stride 2, no overlap", (x1, w2), {"stride": 2}),
        Case("random (2, 3, 3, 3) -> 2 channels, 3x3", (_normal(rng, 2, 3, 3, 3), _normal(rng, 3, 2, 3, 3))),
        Case(
            "random stride 2, padding 1",
            (_normal(rng, 1, 2, 3, 4), _normal(rng, 2, 3, 3, 3)),
            {"stride": 2, "padding": 1},
        ),
        Case("more output than input channels", (_normal(rng, 1, 2, 3, 3), _normal(rng, 2, 5, 2, 2))),
        Case("stride > kernel", (_normal(rng, 1, 2, 3, 3), _normal(rng, 2, 2, 2, 2)), {"stride": 3}),
        Case(
            "non-square map and kernel",
            (_normal(rng, 2, 2, 2, 4), _normal(rng, 2, 3, 4, 3)),
            {"stride": 2, "padding": 1},
        ),
        Case("padding 2", (_normal(rng, 1, 3, 4, 4), _normal(rng, 3, 2, 3, 3)), {"padding": 2}),
        Case("batch of 1, 1x1 input", (_normal(rng, 1, 3, 1, 1), _normal(rng, 3, 2, 3, 3)), {"stride": 2}),
    ]


def _conv_transpose_unflipped(x, w, stride=1, padding=0):
    """Zero-insertion recipe (s - 1 zeros between pixels, pad k - p - 1, stride-1 conv)
    without flipping the kernel and without swapping its in/out axes properly."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    up = np.zeros((n, c, (h - 1) * stride + 1, (wd - 1) * stride + 1))
    up[:, :, ::stride, ::stride] = x
    up = np.pad(up, ((0, 0), (0, 0), (kh - 1 - padding,) * 2, (kw - 1 - padding,) * 2))
    return ref.conv2d(up, w.transpose(1, 0, 2, 3))  # the flip [..., ::-1, ::-1] is missing


def _conv_transpose_no_crop(x, w, stride=1, padding=0):
    return ref.conv_transpose2d(x, w, stride, 0)


def _conv_transpose_s_zeros(x, w, stride=1, padding=0):
    """Inserts `stride` zeros between input pixels instead of `stride - 1`."""
    return ref.conv_transpose2d(x, w, stride + 1, padding)


# ================================================================ output sizes and MACs


def _conv_size_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case("fixed size 5, kernel 2, stride 2", (5, 2), {"stride": 2}),
        Case("fixed size 5, kernel 3", (5, 3)),
    ]
    for i in range(3):
        k = int(rng.integers(1, 6))
        s = int(rng.integers(1, 4))
        p = int(rng.integers(0, 3))
        d = int(rng.integers(1, 3))
        size = int(rng.integers(d * (k - 1) + 1, 30))
        cases.append(Case(f"random {i + 1}", (size, k), {"stride": s, "padding": p, "dilation": d}))
    cases += [
        Case("ResNet stem 224, 7x7, stride 2, padding 3", (224, 7), {"stride": 2, "padding": 3}),
        Case("padding 1 keeps 3x3 'same'", (14, 3), {"padding": 1}),
        Case("stride > kernel", (10, 2), {"stride": 3}),
        Case("dilation 2, padding 2", (7, 3), {"padding": 2, "dilation": 2}),
        Case("dilation 3, stride 2", (20, 3), {"stride": 2, "padding": 1, "dilation": 3}),
        Case("kernel as large as the padded input", (3, 5), {"padding": 1}),
        Case("1x1 kernel, stride 2, odd size", (7, 1), {"stride": 2}),
    ]
    return cases


def _conv_size_no_dilation(size, kernel, stride=1, padding=0, dilation=1):
    return (size + 2 * padding - kernel) // stride + 1


def _conv_size_ceil(size, kernel, stride=1, padding=0, dilation=1):
    return math.ceil((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1


def _conv_size_one_padding(size, kernel, stride=1, padding=0, dilation=1):
    return (size + padding - dilation * (kernel - 1) - 1) // stride + 1


def _conv_size_dk(size, kernel, stride=1, padding=0, dilation=1):
    """Effective kernel taken as dilation * kernel instead of dilation * (kernel - 1) + 1."""
    return (size + 2 * padding - dilation * kernel) // stride + 1


def _tconv_size_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case("fixed size 2, kernel 2, stride 2", (2, 2), {"stride": 2}),
        Case("fixed size 3, kernel 3", (3, 3)),
    ]
    for i in range(3):
        s = int(rng.integers(1, 4))
        k = int(rng.integers(1, 6))
        size = int(rng.integers(1, 12))
        p = int(rng.integers(0, 2)) if k >= 3 else 0  # keeps the output size >= 1
        op = int(rng.integers(0, s))
        cases.append(Case(f"random {i + 1}", (size, k), {"stride": s, "padding": p, "output_padding": op}))
    cases += [
        Case("DCGAN 4x4, stride 2, padding 1", (4, 4), {"stride": 2, "padding": 1}),
        Case("output_padding 1", (3, 3), {"stride": 2, "padding": 1, "output_padding": 1}),
        Case("stride > kernel", (5, 2), {"stride": 3}),
        Case("padding 2", (6, 5), {"padding": 2}),
        Case("size 1", (1, 3), {"stride": 2}),
        Case("stride 3, output_padding 2", (4, 3), {"stride": 3, "padding": 1, "output_padding": 2}),
    ]
    return cases


def _tconv_size_one_padding(size, kernel, stride=1, padding=0, output_padding=0):
    return (size - 1) * stride - padding + kernel + output_padding


def _tconv_size_mul(size, kernel, stride=1, padding=0, output_padding=0):
    """size * stride, as if a transposed conv always upsampled by exactly `stride`."""
    return size * stride


def _tconv_size_no_output_padding(size, kernel, stride=1, padding=0, output_padding=0):
    return (size - 1) * stride - 2 * padding + kernel


def _macs_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case("fixed 3 -> 2 channels, 3x3, 4x4 output", (3, 2, 3, 4, 4)),
        Case("fixed 1x1 kernel", (4, 8, 1, 2, 3)),
    ]
    for i in range(2):
        g = int(rng.choice([1, 2, 4]))
        c_in = g * int(rng.integers(1, 9))
        c_out = g * int(rng.integers(1, 9))
        cases.append(
            Case(
                f"random {i + 1}",
                (c_in, c_out, int(rng.choice([1, 3, 5])), int(rng.integers(1, 30)), int(rng.integers(1, 30))),
                {"groups": g},
            )
        )
    cases += [
        Case("ResNet stem 3 -> 64, 7x7, 112x112", (3, 64, 7, 112, 112)),
        Case("groups 2", (4, 6, 3, 5, 5), {"groups": 2}),
        Case("depthwise: groups = channels", (32, 32, 3, 14, 14), {"groups": 32}),
        Case("non-square 7x9 output", (16, 8, 3, 7, 9), {"groups": 4}),
        Case("1x1 output", (2, 5, 5, 1, 1)),
    ]
    return cases


def _macs_no_groups(c_in, c_out, kernel, h_out, w_out, groups=1):
    return c_in * c_out * kernel * kernel * h_out * w_out


def _macs_flops(c_in, c_out, kernel, h_out, w_out, groups=1):
    return 2 * c_out * h_out * w_out * (c_in // groups) * kernel * kernel


def _macs_groups_squared(c_in, c_out, kernel, h_out, w_out, groups=1):
    return c_in * c_out * kernel * kernel * h_out * w_out // (groups * groups)


def _macs_with_bias(c_in, c_out, kernel, h_out, w_out, groups=1):
    return ref.conv2d_macs(c_in, c_out, kernel, h_out, w_out, groups) + c_out * h_out * w_out


# ================================================================ max pooling


def _max_pool_cases(rng: np.random.Generator) -> list[Case]:
    x1 = np.array([[[[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0], [0.0, 1.0, 3.0, 2.0], [2.0, 6.0, 1.0, 1.0]]]])
    return [
        Case("fixed 4x4, kernel 2, stride 2", (x1, 2, 2)),
        Case("fixed 4x4, overlapping kernel 2, stride 1", (x1, 2, 1)),
        Case("random (2, 3, 6, 6), kernel 2, stride 2", (_normal(rng, 2, 3, 6, 6), 2, 2)),
        Case("random overlapping kernel 3, stride 1", (_normal(rng, 1, 2, 5, 5), 3, 1)),
        Case("batch of 1, non-square 5x7 map", (_normal(rng, 1, 2, 5, 7), 3, 2)),
        Case("stride > kernel", (_normal(rng, 1, 1, 8, 8), 2, 3)),
        Case("partial window at the border dropped", (_normal(rng, 2, 1, 5, 5), 2, 2)),
        Case("all values negative (-1e4)", (-1e4 + _normal(rng, 1, 2, 4, 4), 2, 2)),
        Case("kernel covers the whole map", (_normal(rng, 2, 2, 3, 3), 3, 1)),
    ]


def _max_pool_zero_init(x, kernel, stride):
    """Running maximum started at 0 instead of -inf (or the first element)."""
    return np.maximum(ref.max_pool2d(x, kernel, stride), 0.0)


def _max_pool_ceil(x, kernel, stride):
    """Keeps the partial window at the border (ceil_mode=True)."""
    x = np.asarray(x, dtype=np.float64)
    n, c, h, w = x.shape
    ho = -(-(h - kernel) // stride) + 1
    wo = -(-(w - kernel) // stride) + 1
    out = np.empty((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel].max(
                axis=(2, 3)
            )
    return out


def _max_pool_stride_is_kernel(x, kernel, stride):
    return ref.max_pool2d(x, kernel, kernel)


# ================================================================ max pooling backward


def _max_back_case(name: str, x: np.ndarray, k: int, s: int, rng: np.random.Generator) -> Case:
    n, c, h, w = x.shape
    dout = np.round(rng.normal(size=(n, c, _pool_out(h, k, s), _pool_out(w, k, s))), 3)
    return Case(name, (dout, x, k, s))


def _max_back_cases(rng: np.random.Generator) -> list[Case]:
    x1 = np.array([[[[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0], [0.0, 1.0, 3.0, 2.0], [2.0, 6.0, 1.0, 1.0]]]])
    d1 = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    x2 = np.array([[[[2.0, 2.0, 0.0, 1.0], [1.0, 2.0, 1.0, 1.0], [3.0, 0.0, 0.0, 0.0], [0.0, 3.0, 0.0, 0.0]]]])
    return [
        Case("fixed 4x4, kernel 2, stride 2", (d1, x1, 2, 2)),
        Case("ties within a window", (d1, x2, 2, 2)),
        _max_back_case("random (2, 2, 4, 6), kernel 2, stride 2", _normal(rng, 2, 2, 4, 6), 2, 2, rng),
        _max_back_case("overlapping windows, kernel 3, stride 1", _normal(rng, 1, 2, 5, 5), 3, 1, rng),
        _max_back_case("overlapping windows, kernel 3, stride 2", _normal(rng, 2, 1, 7, 7), 3, 2, rng),
        _max_back_case(
            "ties with overlapping windows",
            rng.integers(0, 2, size=(1, 2, 5, 5)).astype(np.float64),
            2,
            1,
            rng,
        ),
        Case("constant input, overlapping windows", (np.ones((1, 1, 3, 3)), np.zeros((1, 1, 4, 4)), 2, 1)),
        _max_back_case("stride > kernel", _normal(rng, 1, 1, 8, 8), 2, 3, rng),
        _max_back_case("batch of 1, non-square 5x7 map", _normal(rng, 1, 2, 5, 7), 2, 2, rng),
    ]


def _max_back_all_ties(dout, x, kernel, stride):
    """Gradient to every element equal to the window maximum."""
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    dx = np.zeros_like(x)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            win = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel]
            mask = win == win.max(axis=(2, 3), keepdims=True)
            dx[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel] += (
                mask * dout[:, :, i : i + 1, j : j + 1]
            )
    return dx


def _max_back_last(dout, x, kernel, stride):
    """Last maximum in row-major order (a `>=` comparison while scanning)."""
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    n, c = x.shape[:2]
    dx = np.zeros_like(x)
    for a in range(n):
        for b in range(c):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    win = x[a, b, i * stride : i * stride + kernel, j * stride : j * stride + kernel].ravel()
                    r, q = divmod(win.size - 1 - int(np.argmax(win[::-1])), kernel)
                    dx[a, b, i * stride + r, j * stride + q] += dout[a, b, i, j]
    return dx


def _max_back_overwrite(dout, x, kernel, stride):
    """Overlapping windows overwrite (`=`) instead of accumulating (`+=`)."""
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    n, c = x.shape[:2]
    dx = np.zeros_like(x)
    for a in range(n):
        for b in range(c):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    win = x[a, b, i * stride : i * stride + kernel, j * stride : j * stride + kernel]
                    r, q = divmod(int(np.argmax(win)), kernel)
                    dx[a, b, i * stride + r, j * stride + q] = dout[a, b, i, j]
    return dx


# ================================================================ average pooling backward


def _avg_back_case(name: str, shape: tuple[int, int, int, int], k: int, s: int, rng: np.random.Generator) -> Case:
    n, c, h, w = shape
    dout = np.round(rng.normal(size=(n, c, _pool_out(h, k, s), _pool_out(w, k, s))), 3)
    return Case(name, (dout, shape, k, s))


def _avg_back_cases(rng: np.random.Generator) -> list[Case]:
    d1 = np.array([[[[4.0, 8.0], [-4.0, 12.0]]]])
    return [
        Case("fixed 4x4, kernel 2, stride 2", (d1, (1, 1, 4, 4), 2, 2)),
        Case("fixed 3x3, overlapping kernel 2, stride 1", (d1, (1, 1, 3, 3), 2, 1)),
        _avg_back_case("random (2, 3, 4, 6), kernel 2, stride 2", (2, 3, 4, 6), 2, 2, rng),
        _avg_back_case("overlapping windows, kernel 3, stride 1", (1, 2, 5, 5), 3, 1, rng),
        _avg_back_case("overlapping windows, kernel 3, stride 2", (2, 1, 7, 7), 3, 2, rng),
        _avg_back_case("stride > kernel", (1, 1, 8, 8), 2, 3, rng),
        _avg_back_case("cells in no window (5x5, kernel 2, stride 2)", (1, 2, 5, 5), 2, 2, rng),
        _avg_back_case("batch of 1, non-square 4x7 map", (1, 2, 4, 7), 2, 2, rng),
        _avg_back_case("kernel 3 covers the whole map", (2, 2, 3, 3), 3, 1, rng),
    ]


def _avg_back_copy(dout, x_shape, kernel, stride):
    """Gradient copied to every cell of the window, not divided by kernel**2."""
    return ref.avg_pool2d_backward(dout, x_shape, kernel, stride) * (kernel * kernel)


def _avg_back_divide_k(dout, x_shape, kernel, stride):
    return ref.avg_pool2d_backward(dout, x_shape, kernel, stride) * kernel


def _avg_back_overwrite(dout, x_shape, kernel, stride):
    """Overlapping windows overwrite (`=`) instead of accumulating (`+=`)."""
    dout = np.asarray(dout, dtype=np.float64)
    dx = np.zeros(tuple(x_shape))
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel] = dout[
                :, :, i : i + 1, j : j + 1
            ] / (kernel * kernel)
    return dx


# ================================================================ receptive field


def _rf_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case("fixed two 3x3 stride-1 layers", ([(3, 1), (3, 1)],)),
        Case("fixed 2x2 stride-2 then 3x3", ([(2, 2), (3, 1)],)),
    ]
    for i in range(3):
        layers = [
            (int(rng.integers(1, 6)), int(rng.integers(1, 4)), int(rng.integers(1, 3)))
            for _ in range(int(rng.integers(2, 5)))
        ]
        cases.append(Case(f"random stack {i + 1}", (layers,)))
    cases += [
        Case("empty list", ([],)),
        Case("single 7x7 layer", ([(7, 2)],)),
        Case("ResNet stem: 7x7/2 conv, 3x3/2 pool, 3x3 convs", ([(7, 2), (3, 2), (3, 1), (3, 1)],)),
        Case("dilations 1, 2, 4", ([(3, 1, 1), (3, 1, 2), (3, 1, 4)],)),
        Case("stride > kernel", ([(2, 3), (2, 3), (3, 1)],)),
        Case("mixed 2- and 3-tuples", ([(3, 2), (3, 1, 2), (1, 2), (5, 1)],)),
    ]
    return cases


def _rf_no_dilation(layers):
    return ref.receptive_field([tuple(layer[:2]) for layer in layers])


def _rf_own_stride(layers):
    """Multiplies by the strides up to and including the current layer."""
    rf, jump = 1, 1
    for layer in layers:
        d = layer[2] if len(layer) > 2 else 1
        jump *= layer[1]
        rf += (layer[0] - 1) * d * jump
    return rf


def _rf_no_strides(layers):
    """Adds (k - 1) * d per layer, as if every stride were 1."""
    return 1 + sum((layer[0] - 1) * (layer[2] if len(layer) > 2 else 1) for layer in layers)


# ================================================================ bilinear sampling


def _bilinear_cases(rng: np.random.Generator) -> list[Case]:
    img1 = np.array([[1.0, 2.0], [3.0, 4.0]])
    img2 = np.array([[0.0, 1.0, 2.0], [10.0, 11.0, 12.0]])
    return [
        Case("fixed 2x2 image, centre point", (img1, np.array([0.5]), np.array([0.5]))),
        Case("fixed 2x3 image, y is the row", (img2, np.array([0.25, 1.0]), np.array([1.0, 0.5]))),
        Case(
            "random interior points",
            (_normal(rng, 4, 5), rng.uniform(0, 3, size=6), rng.uniform(0, 4, size=6)),
        ),
        Case(
            "random points, some outside",
            (_normal(rng, 4, 5), rng.uniform(-1.5, 4.5, size=8), rng.uniform(-1.5, 5.5, size=8)),
        ),
        Case(
            "integer points give the pixels",
            (np.round(_normal(rng, 3, 4), 3), np.array([0.0, 2.0, 1.0, 2.0]), np.array([0.0, 3.0, 2.0, 0.0])),
        ),
        Case(
            "last row and last column",
            (np.round(_normal(rng, 3, 4), 3), np.array([2.0, 2.0, 0.5, 2.0]), np.array([1.5, 3.0, 3.0, 3.0])),
        ),
        Case(
            "half a pixel outside: partial weights",
            (img1, np.array([-0.5, 0.5, 1.5, 0.5]), np.array([0.5, -0.5, 0.5, 1.25])),
        ),
        Case(
            "far outside gives 0",
            (img1, np.array([-3.0, 5.0, 0.5, 0.5]), np.array([0.5, 0.5, -2.0, 7.5])),
        ),
        Case(
            "2-D coordinate arrays, non-square image",
            (_normal(rng, 3, 6), rng.uniform(-0.5, 2.5, size=(2, 3)), rng.uniform(-0.5, 5.5, size=(2, 3))),
        ),
    ]


def _bilinear_clamp(img, y, x):
    """Coordinates clamped to the border (replicate padding) instead of zeros outside."""
    img = np.asarray(img, dtype=np.float64)
    h, w = img.shape
    return ref.bilinear_sample(img, np.clip(np.asarray(y, float), 0, h - 1), np.clip(np.asarray(x, float), 0, w - 1))


def _bilinear_swapped(img, y, x):
    """x used as the row and y as the column."""
    return ref.bilinear_sample(img, x, y)


def _bilinear_ceil(img, y, x):
    """Upper neighbour from ceil(): on an integer coordinate floor == ceil and both weights vanish."""
    img = np.asarray(img, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    h, w = img.shape

    def at(r, c):
        ok = (r >= 0) & (r <= h - 1) & (c >= 0) & (c <= w - 1)
        return np.where(ok, img[np.where(ok, r, 0).astype(int), np.where(ok, c, 0).astype(int)], 0.0)

    y0, x0, y1, x1 = np.floor(y), np.floor(x), np.ceil(y), np.ceil(x)
    return (
        at(y0, x0) * (y1 - y) * (x1 - x)
        + at(y0, x1) * (y1 - y) * (x - x0)
        + at(y1, x0) * (y - y0) * (x1 - x)
        + at(y1, x1) * (y - y0) * (x - x0)
    )


def _bilinear_all_or_nothing(img, y, x):
    """Returns 0 as soon as one of the four neighbours is outside the image."""
    img = np.asarray(img, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    h, w = img.shape
    inside = (np.floor(y) >= 0) & (np.floor(y) + 1 <= h - 1) & (np.floor(x) >= 0) & (np.floor(x) + 1 <= w - 1)
    return np.where(inside, ref.bilinear_sample(img, y, x), 0.0)


# ================================================================ specs

SPECS: list[FunctionSpec] = [
    FunctionSpec(
        function="conv2d",
        reference=ref.conv2d,
        cases=_conv2d_cases,
        mistakes=(
            Mistake(
                "flipped-kernel",
                _conv2d_flipped,
                "You flipped the kernel (true convolution). Deep-learning 'conv2d' is a cross-correlation: "
                "out[i, j] = sum x[i*s + a*d, j*s + b*d] * w[a, b] with the kernel as stored.",
                "你把卷积核上下左右翻转了（数学上的卷积）。深度学习里的 conv2d 其实是互相关 "
                "(cross-correlation)：直接按存储顺序用 w[a, b] 去乘 x[i*s + a*d, j*s + b*d]，不翻转。",
            ),
            Mistake(
                "dilation-ignored",
                _conv2d_no_dilation,
                "The dilation argument is ignored. With dilation d the kernel taps are d pixels apart, so "
                "tap (a, b) reads x[i*s + a*d, j*s + b*d] and the effective kernel size is d*(k - 1) + 1.",
                "dilation 参数没有生效。空洞卷积 (dilated convolution) 中相邻采样点间隔 d 个像素，第 (a, b) "
                "个抽头读 x[i*s + a*d, j*s + b*d]，等效核大小是 d*(k - 1) + 1。",
            ),
            Mistake(
                "bias-ignored",
                _conv2d_no_bias,
                "The bias is never added. When b is given, add b[f] to every output position of filter f.",
                "漏加了偏置 (bias)。传入 b 时，第 f 个输出通道的每个位置都要加上 b[f]。",
            ),
        ),
    ),
    FunctionSpec(
        function="depthwise_conv2d",
        reference=ref.depthwise_conv2d,
        cases=_depthwise_cases,
        mistakes=(
            Mistake(
                "channels-summed",
                _depthwise_summed,
                "Your filters mix the input channels. In a depthwise conv output channel c depends only on "
                "input channel c and filter w[c, 0]; there is no sum over channels.",
                "你的实现把各输入通道混在一起了。逐通道卷积 (depthwise convolution) 中第 c 个输出通道只由第 "
                "c 个输入通道和 w[c, 0] 计算，不对通道求和。",
            ),
            Mistake(
                "flipped-kernel",
                _depthwise_flipped,
                "You flipped the kernel. As in torch's conv2d (groups=C), each channel is cross-correlated "
                "with its filter as stored, without flipping.",
                "你把卷积核翻转了。和 torch 的 conv2d(groups=C) 一样，每个通道直接与存储顺序的卷积核做互相关，不翻转。",
            ),
        ),
    ),
    FunctionSpec(
        function="depthwise_separable_conv2d",
        reference=ref.depthwise_separable_conv2d,
        cases=_separable_cases,
        mistakes=(
            Mistake(
                "pointwise-reshaped",
                _separable_reshape,
                "The pointwise weights were reshaped to (C, F) instead of transposed. w_pw[f, c, 0, 0] is "
                "the weight from channel c to output f: use w_pw[:, :, 0, 0] (F, C) as it is, or its "
                "transpose .T.",
                "逐点卷积的权重被 reshape 成 (C, F) 了，而不是转置。w_pw[f, c, 0, 0] 是从输入通道 c 到输出通"
                "道 f 的权重：直接用 w_pw[:, :, 0, 0] (F, C)，需要 (C, F) 时用 .T。",
            ),
            Mistake(
                "stride-twice",
                _separable_stride_twice,
                "The stride is applied in both steps. Only the depthwise conv is strided; the 1x1 pointwise "
                "conv runs with stride 1.",
                "stride 被用了两次。只有逐通道卷积带步长，1x1 的逐点卷积 (pointwise convolution) 步长为 1。",
            ),
            Mistake(
                "padding-twice",
                _separable_pad_twice,
                "The padding is applied in both steps. Only the depthwise conv pads; the 1x1 pointwise conv "
                "keeps the spatial size.",
                "padding 被加了两次。只有逐通道卷积需要补零，1x1 的逐点卷积不改变空间尺寸。",
            ),
        ),
    ),
    FunctionSpec(
        function="conv_transpose2d",
        reference=ref.conv_transpose2d,
        cases=_conv_transpose_cases,
        mistakes=(
            Mistake(
                "kernel-not-flipped",
                _conv_transpose_unflipped,
                "In the 'insert zeros, pad k - p - 1, then convolve' recipe the kernel must be flipped (and "
                "its in/out axes swapped). Equivalently, scatter x[i, j] * w into the output at (i*s, j*s) "
                "directly.",
                "用「插零、四周补 k - p - 1、再做普通卷积」的做法时，卷积核必须上下左右翻转（并交换输入输出"
                "通道维）。也可以直接把 x[i, j] * w 累加到输出的 (i*s, j*s) 位置。",
            ),
            Mistake(
                "padding-not-cropped",
                _conv_transpose_no_crop,
                "The padding was ignored. In a transposed conv, padding p removes p rows/columns from each "
                "side of the full output: size (H - 1)*s - 2p + k.",
                "忽略了 padding。转置卷积 (transposed convolution) 的 padding p 是从完整输出的每一边裁掉 p "
                "行/列，输出尺寸为 (H - 1)*s - 2p + k。",
            ),
            Mistake(
                "stride-zeros-off-by-one",
                _conv_transpose_s_zeros,
                "You inserted s zeros between input pixels; a stride of s needs s - 1 zeros, so that "
                "neighbouring inputs land s pixels apart in the output.",
                "你在输入像素之间插了 s 个零；步长为 s 时只需插 s - 1 个零，这样相邻输入像素在输出上正好相距 s。",
            ),
        ),
    ),
    FunctionSpec(
        function="conv2d_output_size",
        reference=ref.conv2d_output_size,
        cases=_conv_size_cases,
        mistakes=(
            Mistake(
                "dilation-ignored",
                _conv_size_no_dilation,
                "Dilation is missing from the formula: the kernel spans d*(k - 1) + 1 pixels, so the size "
                "is floor((n + 2p - d*(k - 1) - 1) / s) + 1.",
                "公式里漏掉了空洞率：卷积核实际跨度是 d*(k - 1) + 1，输出为 floor((n + 2p - d*(k - 1) - 1) / s) + 1。",
            ),
            Mistake(
                "ceil-instead-of-floor",
                _conv_size_ceil,
                "You rounded up. A window that does not fit entirely is dropped, so the division is floored "
                "(PyTorch's default ceil_mode=False).",
                "你向上取整了。放不下的不完整窗口会被丢弃，所以除法要向下取整（PyTorch 默认 ceil_mode=False）。",
            ),
            Mistake(
                "padding-once",
                _conv_size_one_padding,
                "Padding is added on both sides, so it counts twice: n + 2p, not n + p.",
                "padding 在两侧都要补，所以是 n + 2p，而不是 n + p。",
            ),
            Mistake(
                "dilated-kernel-d-times-k",
                _conv_size_dk,
                "The dilated kernel spans d*(k - 1) + 1 pixels, not d*k: there are k - 1 gaps of d between the taps.",
                "空洞卷积核的跨度是 d*(k - 1) + 1 而不是 d*k：k 个采样点之间只有 k - 1 个间隔，每个间隔为 d。",
            ),
        ),
    ),
    FunctionSpec(
        function="conv_transpose2d_output_size",
        reference=ref.conv_transpose2d_output_size,
        cases=_tconv_size_cases,
        mistakes=(
            Mistake(
                "padding-once",
                _tconv_size_one_padding,
                "Padding crops both sides of the transposed conv's output, so subtract 2p: (n - 1)*s - 2p + k + op.",
                "转置卷积的 padding 会在输出两侧各裁掉 p，所以要减 2p：(n - 1)*s - 2p + k + op。",
            ),
            Mistake(
                "n-times-stride",
                _tconv_size_mul,
                "You took the output as n*s, which only holds for particular settings such as k = 4, s = 2, "
                "p = 1. In general the n inputs land s apart and each spreads over k pixels: (n - 1)*s - 2p "
                "+ k + op.",
                "你把输出直接当成 n*s，这只在特定设置下成立（如 k = 4, s = 2, p = 1）。一般情况下 n 个输入在"
                "输出上间隔 s，每个再铺开 k 个像素：(n - 1)*s - 2p + k + op。",
            ),
            Mistake(
                "output-padding-ignored",
                _tconv_size_no_output_padding,
                "output_padding is forgotten: it adds that many rows/columns on one side to pick among the "
                "sizes that a strided conv maps to the same input size.",
                "忘了 output_padding：它在一侧额外增加若干行/列，用来在「经步长卷积后尺寸相同」的几种大小中选定一种。",
            ),
        ),
    ),
    FunctionSpec(
        function="conv2d_macs",
        reference=ref.conv2d_macs,
        cases=_macs_cases,
        mistakes=(
            Mistake(
                "groups-ignored",
                _macs_no_groups,
                "Groups are ignored. With g groups each output only sees c_in / g input channels, so the "
                "count is c_out * h_out * w_out * (c_in / g) * k * k.",
                "没有考虑分组 (groups)。分成 g 组时每个输出只连接 c_in / g 个输入通道，MACs = c_out * h_out "
                "* w_out * (c_in / g) * k * k。",
            ),
            Mistake(
                "counted-flops",
                _macs_flops,
                "You counted FLOPs (a multiply and an add each), twice the number of multiply-accumulates.",
                "你算的是 FLOPs（乘法和加法各算一次），是乘加次数 (MACs) 的两倍。",
            ),
            Mistake(
                "groups-squared",
                _macs_groups_squared,
                "You divided by groups twice. Only the input channels per output are reduced: divide c_in by g once.",
                "你除了两次 groups。分组只减少每个输出连接的输入通道数，c_in 除以 g 一次即可。",
            ),
            Mistake(
                "bias-counted",
                _macs_with_bias,
                "You added the bias additions; the question counts multiply-accumulates of the weights only.",
                "你把偏置的加法也算进去了；这里只统计权重的乘加次数，不计偏置。",
            ),
        ),
    ),
    FunctionSpec(
        function="max_pool2d",
        reference=ref.max_pool2d,
        cases=_max_pool_cases,
        mistakes=(
            Mistake(
                "zero-initial-max",
                _max_pool_zero_init,
                "Your running maximum starts at 0, so windows of negative values give 0. Start from -inf or "
                "from the window's first element.",
                "你的最大值初始化成了 0，全是负数的窗口会得到 0。应从 -inf 或窗口的第一个元素开始比较。",
            ),
            Mistake(
                "ceil-mode",
                _max_pool_ceil,
                "You kept the partial window at the border. Without padding (ceil_mode=False) the output "
                "has floor((H - k) / s) + 1 rows.",
                "你保留了边缘不完整的窗口。无 padding 且 ceil_mode=False 时，输出行数是 floor((H - k) / s) + 1。",
            ),
            Mistake(
                "stride-equals-kernel",
                _max_pool_stride_is_kernel,
                "The stride argument is ignored (stride = kernel assumed). Windows start every `stride` "
                "pixels and may overlap or leave gaps.",
                "忽略了 stride 参数（默认步长等于核大小）。窗口每隔 stride 个像素开始一次，可能重叠也可能留空。",
            ),
        ),
    ),
    FunctionSpec(
        function="max_pool2d_backward",
        reference=ref.max_pool2d_backward,
        cases=_max_back_cases,
        mistakes=(
            Mistake(
                "gradient-to-every-tie",
                _max_back_all_ties,
                "Every tied maximum receives the gradient. Only one element produced the max: give the "
                "whole gradient to the first maximum in row-major order (like np.argmax on the flattened "
                "window).",
                "窗口内并列的最大值都拿到了梯度。前向只取了一个元素，梯度应全部给按行优先顺序的第一个最大值"
                "（相当于对展平窗口做 np.argmax）。",
            ),
            Mistake(
                "last-maximum",
                _max_back_last,
                "On ties you picked the last maximum (a >= comparison while scanning). The convention is "
                "the first maximum in row-major order: update only on a strictly greater value.",
                "出现并列时你选了最后一个最大值（扫描时用了 >=）。约定是行优先顺序的第一个最大值：只在严格大于时更新。",
            ),
            Mistake(
                "overlap-overwritten",
                _max_back_overwrite,
                "With overlapping windows (stride < kernel) one input can be the max of several windows; "
                "their gradients must be added (+=), not overwritten (=).",
                "窗口重叠 (stride < kernel) 时同一个输入可能是多个窗口的最大值，这些梯度要累加 (+=)，不能覆盖 (=)。",
            ),
        ),
    ),
    FunctionSpec(
        function="avg_pool2d_backward",
        reference=ref.avg_pool2d_backward,
        cases=_avg_back_cases,
        mistakes=(
            Mistake(
                "not-divided",
                _avg_back_copy,
                "The gradient was copied to every cell without dividing by kernel*kernel. The forward pass "
                "averages, so each cell gets dout / k**2 and the total gradient is preserved.",
                "梯度直接复制到了窗口的每个位置，没有除以 kernel*kernel。前向是取平均，所以每个位置只得到 "
                "dout / k**2，这样梯度总和保持不变。",
            ),
            Mistake(
                "divided-by-kernel",
                _avg_back_divide_k,
                "You divided by kernel instead of kernel*kernel: a k x k window has k**2 cells.",
                "你除以了 kernel 而不是 kernel*kernel：一个 k x k 窗口有 k**2 个位置。",
            ),
            Mistake(
                "overlap-overwritten",
                _avg_back_overwrite,
                "With overlapping windows (stride < kernel) a cell belongs to several windows; add their "
                "shares (+=) instead of overwriting (=).",
                "窗口重叠 (stride < kernel) 时一个位置属于多个窗口，各窗口分到的梯度要累加 (+=)，不能覆盖 (=)。",
            ),
        ),
    ),
    FunctionSpec(
        function="receptive_field",
        reference=ref.receptive_field,
        cases=_rf_cases,
        mistakes=(
            Mistake(
                "dilation-ignored",
                _rf_no_dilation,
                "The dilation of 3-tuples is ignored. A dilated layer widens the field by (k - 1) * d times "
                "the product of the earlier strides.",
                "忽略了三元组里的空洞率。带空洞的层使感受野增加 (k - 1) * d 乘以前面各层步长之积。",
            ),
            Mistake(
                "own-stride-included",
                _rf_own_stride,
                "You multiplied by the layer's own stride too. A layer's stride only spaces out the units "
                "of the layers AFTER it: use the product of the strides of the layers before l.",
                "你把当前层自己的步长也乘进去了。一层的步长只影响它后面的层的间距，应乘以第 l 层之前各层步长的乘积。",
            ),
            Mistake(
                "strides-ignored",
                _rf_no_strides,
                "The strides are ignored. After a stride-s layer, one step in the next layer moves s input "
                "pixels, so later kernels widen the field s times faster.",
                "忽略了步长。经过步长为 s 的层后，下一层每移动一格相当于在输入上移动 s 个像素，后面的卷积核"
                "扩大感受野也快 s 倍。",
            ),
        ),
    ),
    FunctionSpec(
        function="bilinear_sample",
        reference=ref.bilinear_sample,
        cases=_bilinear_cases,
        mistakes=(
            Mistake(
                "clamped-to-border",
                _bilinear_clamp,
                "Points outside were clamped to the border (replicate padding). Here the image is zero "
                "outside: a neighbour outside the image contributes 0, as in deformable convolution.",
                "你把越界的坐标截断到了边界（复制填充）。这里图像外部按 0 处理：落在图像外的邻点贡献为 0，和"
                "可变形卷积 (deformable convolution) 一致。",
            ),
            Mistake(
                "x-and-y-swapped",
                _bilinear_swapped,
                "x and y are swapped: y is the row index (axis 0, up to H - 1) and x the column index (axis 1).",
                "x 和 y 用反了：y 是行坐标（第 0 维，最大 H - 1），x 是列坐标（第 1 维）。",
            ),
            Mistake(
                "ceil-neighbour",
                _bilinear_ceil,
                "The upper neighbour came from ceil(), so on integer coordinates floor == ceil and every "
                "weight is 0. Use floor(y) and floor(y) + 1 with weights 1 - |q - y|.",
                "上方/右侧邻点用了 ceil()，坐标为整数时 floor == ceil，所有权重都变成 0。应取 floor(y) 和 "
                "floor(y) + 1，权重为 1 - |q - y|。",
            ),
            Mistake(
                "all-neighbours-required",
                _bilinear_all_or_nothing,
                "You returned 0 whenever any of the four neighbours is outside. Each neighbour is checked "
                "on its own: those inside still contribute their weighted value.",
                "只要四个邻点中有一个越界你就返回 0。应逐个判断邻点：在图像内的邻点仍按权重贡献。",
            ),
        ),
    ),
]

"""Oracle tests of reference_impls.convolution against independent implementations.

Oracles: torch 2.13.0 CPU (conv2d, grouped conv2d, conv_transpose2d, max_pool2d,
autograd of max_pool2d / avg_pool2d, grid_sample, FlopCounterMode), finite
differences, brute-force loops written here, and hand-worked examples.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from torch.utils.flop_counter import FlopCounterMode

from reference_impls import convolution as ref

SETTINGS = settings(max_examples=40, deadline=None)


def t(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def assert_close(got, want, rtol=1e-10, atol=1e-12):
    got = np.asarray(got)
    want = np.asarray(want)
    assert got.shape == want.shape
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)


# ---------------------------------------------------------------- conv2d

CONV_CONFIGS = [
    # (N, C, H, W, F, KH, KW, stride, padding, dilation, bias)
    (2, 3, 5, 5, 4, 3, 3, 1, 0, 1, True),
    (1, 1, 4, 6, 2, 2, 3, 1, 1, 1, False),  # batch of 1, non-square map and kernel
    (2, 2, 7, 5, 3, 3, 3, 2, 1, 1, True),
    (1, 3, 9, 8, 2, 3, 2, 2, 2, 2, True),  # padding and dilation > 1
    (2, 2, 6, 6, 2, 2, 2, 3, 0, 1, False),  # stride > kernel
    (1, 2, 5, 7, 3, 1, 1, 2, 0, 1, True),  # 1x1 conv with stride
    (1, 2, 3, 3, 2, 3, 3, 1, 2, 3, True),  # dilated kernel larger than the map, padding saves it
]


@pytest.mark.parametrize("cfg", CONV_CONFIGS)
def test_conv2d_matches_torch(cfg):
    n, c, h, w, f, kh, kw, s, p, d, bias = cfg
    rng = np.random.default_rng(hash(cfg) % 2**32)
    x = rng.normal(size=(n, c, h, w))
    wt = rng.normal(size=(f, c, kh, kw))
    b = rng.normal(size=f) if bias else None
    got = ref.conv2d(x, wt, b, stride=s, padding=p, dilation=d)
    want = F.conv2d(t(x), t(wt), None if b is None else t(b), stride=s, padding=p, dilation=d).numpy()
    assert_close(got, want)


def test_conv2d_is_cross_correlation_hand_worked():
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    # out[i, j] = x[i, j] - x[i+1, j+1] = -4 everywhere
    assert_close(ref.conv2d(x, w), np.full((1, 1, 2, 2), -4.0))
    assert_close(ref.conv2d(x, w, np.array([0.5])), np.full((1, 1, 2, 2), -3.5))


def test_conv2d_accepts_integer_input_and_returns_float64():
    x = np.arange(16).reshape(1, 1, 4, 4)
    w = np.ones((1, 1, 2, 2), dtype=np.int64)
    got = ref.conv2d(x, w, stride=2)
    want = F.conv2d(t(x), t(w), stride=2).numpy()
    assert_close(got, want)


@SETTINGS
@given(
    h=st.integers(1, 9),
    w=st.integers(1, 9),
    k=st.integers(1, 4),
    s=st.integers(1, 4),
    p=st.integers(0, 2),
    d=st.integers(1, 3),
)
def test_conv2d_random_geometry_matches_torch(h, w, k, s, p, d):
    assume(h + 2 * p >= d * (k - 1) + 1 and w + 2 * p >= d * (k - 1) + 1)  # else not a legal conv
    rng = np.random.default_rng(h * 1000 + w * 100 + k * 10 + s + p * 7 + d * 13)
    x = rng.normal(size=(1, 2, h, w))
    wt = rng.normal(size=(3, 2, k, k))
    got = ref.conv2d(x, wt, stride=s, padding=p, dilation=d)
    want = F.conv2d(t(x), t(wt), stride=s, padding=p, dilation=d).numpy()
    assert_close(got, want)


# ---------------------------------------------------------------- depthwise


@pytest.mark.parametrize(
    "n,c,h,w,kh,kw,s,p",
    [(2, 3, 5, 5, 3, 3, 1, 0), (1, 4, 6, 5, 3, 2, 2, 1), (1, 1, 4, 4, 2, 2, 3, 0), (2, 2, 3, 7, 3, 3, 1, 2)],
)
def test_depthwise_conv2d_matches_grouped_torch_conv(n, c, h, w, kh, kw, s, p):
    rng = np.random.default_rng(n + 10 * c + 100 * h + 1000 * w + s)
    x = rng.normal(size=(n, c, h, w))
    wt = rng.normal(size=(c, 1, kh, kw))
    got = ref.depthwise_conv2d(x, wt, stride=s, padding=p)
    want = F.conv2d(t(x), t(wt), stride=s, padding=p, groups=c).numpy()
    assert_close(got, want)


def test_depthwise_channels_do_not_mix():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1, 3, 4, 4))
    w = rng.normal(size=(3, 1, 2, 2))
    base = ref.depthwise_conv2d(x, w)
    x2 = x.copy()
    x2[:, 1] += 5.0
    changed = ref.depthwise_conv2d(x2, w)
    assert_close(changed[:, [0, 2]], base[:, [0, 2]])
    assert not np.allclose(changed[:, 1], base[:, 1])


@pytest.mark.parametrize(
    "n,c,h,w,f,k,s,p", [(2, 3, 5, 5, 4, 3, 1, 1), (1, 2, 6, 4, 5, 3, 2, 0), (1, 4, 5, 6, 1, 2, 3, 1)]
)
def test_depthwise_separable_matches_torch(n, c, h, w, f, k, s, p):
    rng = np.random.default_rng(c + f + h + w)
    x = rng.normal(size=(n, c, h, w))
    w_dw = rng.normal(size=(c, 1, k, k))
    w_pw = rng.normal(size=(f, c, 1, 1))
    got = ref.depthwise_separable_conv2d(x, w_dw, w_pw, stride=s, padding=p)
    want = F.conv2d(F.conv2d(t(x), t(w_dw), stride=s, padding=p, groups=c), t(w_pw)).numpy()
    assert_close(got, want)


# ---------------------------------------------------------------- conv_transpose2d


@pytest.mark.parametrize(
    "n,ci,co,h,w,kh,kw,s,p",
    [
        (2, 3, 2, 3, 3, 3, 3, 1, 0),
        (1, 2, 3, 3, 4, 3, 3, 2, 1),
        (1, 1, 1, 2, 2, 2, 2, 2, 0),
        (2, 2, 4, 4, 3, 4, 3, 3, 1),  # non-square kernel and map
        (1, 2, 2, 3, 3, 2, 2, 3, 0),  # stride > kernel: gaps of zeros
        (1, 3, 2, 5, 5, 3, 3, 1, 2),  # padding crops more than kernel - 1 ... still positive size
    ],
)
def test_conv_transpose2d_matches_torch(n, ci, co, h, w, kh, kw, s, p):
    rng = np.random.default_rng(n + ci * 3 + co * 7 + h * 11 + s * 13 + p)
    x = rng.normal(size=(n, ci, h, w))
    wt = rng.normal(size=(ci, co, kh, kw))
    got = ref.conv_transpose2d(x, wt, stride=s, padding=p)
    want = F.conv_transpose2d(t(x), t(wt), stride=s, padding=p).numpy()
    assert_close(got, want)


@SETTINGS
@given(h=st.integers(1, 6), w=st.integers(1, 6), k=st.integers(1, 4), s=st.integers(1, 3), p=st.integers(0, 2))
def test_conv_transpose2d_is_adjoint_of_conv2d(h, w, k, s, p):
    """<conv2d(z, W), y> == <z, conv_transpose2d(y, W)> for z of the transposed output's size."""
    ho = (h - 1) * s - 2 * p + k
    wo = (w - 1) * s - 2 * p + k
    assume(ho >= 1 and wo >= 1)
    rng = np.random.default_rng(h + 7 * w + 49 * k + 343 * s + p)
    y = rng.normal(size=(1, 2, h, w))
    wt = rng.normal(size=(2, 3, k, k))  # conv2d from 3 to 2 channels, transposed from 2 to 3
    z = rng.normal(size=(1, 3, ho, wo))
    conv_z = F.conv2d(t(z), t(wt), stride=s, padding=p).numpy()
    assume(conv_z.shape == y.shape)  # else output_padding would be needed
    tr = ref.conv_transpose2d(y, wt, stride=s, padding=p)
    assert tr.shape == z.shape
    np.testing.assert_allclose(np.sum(conv_z * y), np.sum(z * tr), rtol=1e-10, atol=1e-10)


# ---------------------------------------------------------------- output sizes and MACs


@SETTINGS
@given(
    size=st.integers(1, 20),
    k=st.integers(1, 5),
    s=st.integers(1, 4),
    p=st.integers(0, 3),
    d=st.integers(1, 3),
)
def test_conv2d_output_size_equals_torch_output_shape(size, k, s, p, d):
    assume(size + 2 * p >= d * (k - 1) + 1)
    got = ref.conv2d_output_size(size, k, s, p, d)
    out = F.conv2d(
        torch.zeros(1, 1, size, 3, dtype=torch.float64),
        torch.zeros(1, 1, k, 1, dtype=torch.float64),
        stride=s,
        padding=(p, 0),
        dilation=(d, 1),
    )
    assert isinstance(got, int)
    assert got == out.shape[2]


def test_conv2d_output_size_hand_worked():
    assert ref.conv2d_output_size(224, 7, 2, 3) == 112  # ResNet stem
    assert ref.conv2d_output_size(5, 3) == 3
    assert ref.conv2d_output_size(5, 2, 2) == 2  # floor, partial window dropped
    assert ref.conv2d_output_size(7, 3, 1, 2, 2) == 7  # "same" dilated 3x3


@SETTINGS
@given(
    size=st.integers(1, 10),
    k=st.integers(1, 5),
    s=st.integers(1, 4),
    p=st.integers(0, 3),
    op=st.integers(0, 3),
)
def test_conv_transpose2d_output_size_equals_torch_output_shape(size, k, s, p, op):
    assume(op < s)  # torch requires output_padding < stride (dilation is 1)
    assume((size - 1) * s - 2 * p + k + op >= 1)
    got = ref.conv_transpose2d_output_size(size, k, s, p, op)
    out = F.conv_transpose2d(
        torch.zeros(1, 1, size, 2, dtype=torch.float64),
        torch.zeros(1, 1, k, 1, dtype=torch.float64),
        stride=(s, 1),
        padding=(p, 0),
        output_padding=(op, 0),
    )
    assert isinstance(got, int)
    assert got == out.shape[2]


def test_conv_transpose2d_output_size_hand_worked():
    assert ref.conv_transpose2d_output_size(4, 4, 2, 1) == 8  # the DCGAN doubling layer
    assert ref.conv_transpose2d_output_size(3, 3, 2, 1, 1) == 6


@pytest.mark.parametrize(
    "c_in,c_out,k,ho,wo,g",
    [
        (3, 64, 7, 112, 112, 1),
        (4, 6, 3, 5, 5, 2),
        (32, 32, 3, 14, 14, 32),
        (16, 8, 1, 7, 9, 4),
        (2, 2, 5, 1, 1, 1),
    ],
)
def test_conv2d_macs_matches_torch_flop_counter(c_in, c_out, k, ho, wo, g):
    # FlopCounterMode counts 2 FLOPs (a multiply and an add) per multiply-accumulate.
    # meta tensors: shapes only, no arithmetic, so the big ResNet-stem case costs nothing
    x = torch.zeros(1, c_in, ho + k - 1, wo + k - 1, device="meta")
    w = torch.zeros(c_out, c_in // g, k, k, device="meta")
    with FlopCounterMode(display=False) as counter:
        out = F.conv2d(x, w, groups=g)
    assert out.shape[2:] == (ho, wo)
    got = ref.conv2d_macs(c_in, c_out, k, ho, wo, g)
    assert isinstance(got, int)
    assert 2 * got == counter.get_total_flops()


def test_conv2d_macs_brute_force_count():
    c_in, c_out, k, ho, wo, g = 4, 6, 2, 3, 2, 2
    count = 0
    for o in range(c_out):
        group = o // (c_out // g)
        for _i in range(ho):
            for _j in range(wo):
                for ci in range(c_in):
                    if ci // (c_in // g) == group:
                        count += k * k
    assert ref.conv2d_macs(c_in, c_out, k, ho, wo, g) == count


# ---------------------------------------------------------------- pooling


@pytest.mark.parametrize(
    "shape,k,s",
    [
        ((2, 3, 4, 4), 2, 2),
        ((1, 2, 5, 7), 3, 2),
        ((1, 1, 6, 5), 2, 3),
        ((2, 1, 5, 5), 3, 1),
        ((1, 2, 3, 3), 3, 1),
    ],
)
def test_max_pool2d_matches_torch(shape, k, s):
    rng = np.random.default_rng(sum(shape) + k + s)
    x = rng.normal(size=shape)
    assert_close(ref.max_pool2d(x, k, s), F.max_pool2d(t(x), k, s).numpy())


def test_max_pool2d_large_negative_values():
    x = -1e4 - np.arange(16.0).reshape(1, 1, 4, 4)
    assert_close(ref.max_pool2d(x, 2, 2), F.max_pool2d(t(x), 2, 2).numpy())


def torch_max_pool_grad(dout, x, k, s):
    xt = t(x).requires_grad_(True)
    F.max_pool2d(xt, k, s).backward(t(dout))
    return xt.grad.numpy()


@pytest.mark.parametrize(
    "shape,k,s", [((2, 3, 4, 4), 2, 2), ((1, 2, 5, 7), 3, 2), ((1, 1, 6, 5), 2, 3), ((2, 1, 5, 5), 3, 1)]
)
def test_max_pool2d_backward_matches_torch_autograd(shape, k, s):
    rng = np.random.default_rng(sum(shape) * k + s)
    x = rng.normal(size=shape)
    out_shape = F.max_pool2d(t(x), k, s).shape
    dout = rng.normal(size=tuple(out_shape))
    assert_close(ref.max_pool2d_backward(dout, x, k, s), torch_max_pool_grad(dout, x, k, s))


@pytest.mark.parametrize("k,s", [(2, 1), (2, 2), (3, 1), (3, 2)])
def test_max_pool2d_backward_ties_match_torch_first_maximum(k, s):
    rng = np.random.default_rng(k * 10 + s)
    x = rng.integers(0, 2, size=(2, 2, 6, 6)).astype(np.float64)  # many ties
    dout = rng.normal(size=tuple(F.max_pool2d(t(x), k, s).shape))
    assert_close(ref.max_pool2d_backward(dout, x, k, s), torch_max_pool_grad(dout, x, k, s))


def test_max_pool2d_backward_constant_input_goes_to_window_corner():
    x = np.zeros((1, 1, 4, 4))
    dout = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    want = np.zeros((1, 1, 4, 4))
    want[0, 0, 0, 0], want[0, 0, 0, 2], want[0, 0, 2, 0], want[0, 0, 2, 2] = 1, 2, 3, 4
    assert_close(ref.max_pool2d_backward(dout, x, 2, 2), want)


def finite_difference(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


@pytest.mark.parametrize("shape,k,s", [((1, 2, 5, 5), 3, 1), ((1, 1, 6, 7), 2, 2), ((2, 1, 5, 6), 2, 3)])
def test_max_pool2d_backward_finite_differences(shape, k, s):
    rng = np.random.default_rng(7)
    x = rng.permutation(np.prod(shape)).reshape(shape).astype(np.float64)  # distinct values, gaps of 1
    dout = rng.normal(size=ref.max_pool2d(x, k, s).shape)
    num = finite_difference(lambda z: np.sum(ref.max_pool2d(z, k, s) * dout), x, eps=1e-3)
    assert_close(ref.max_pool2d_backward(dout, x, k, s), num, rtol=1e-7, atol=1e-7)


def _avg_pool_np(x, k, s):
    """Forward average pooling by explicit loops (for finite differences)."""
    n, c, h, w = x.shape
    ho, wo = (h - k) // s + 1, (w - k) // s + 1
    out = np.zeros((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = x[:, :, i * s : i * s + k, j * s : j * s + k].mean(axis=(2, 3))
    return out


@pytest.mark.parametrize(
    "shape,k,s",
    [
        ((2, 3, 4, 4), 2, 2),
        ((1, 2, 5, 7), 3, 2),
        ((1, 1, 6, 5), 2, 3),
        ((2, 1, 5, 5), 3, 1),
        ((1, 1, 7, 4), 3, 1),
    ],
)
def test_avg_pool2d_backward_matches_torch_autograd(shape, k, s):
    rng = np.random.default_rng(sum(shape) + 3 * k + s)
    xt = t(rng.normal(size=shape)).requires_grad_(True)
    out = F.avg_pool2d(xt, k, s)
    dout = rng.normal(size=tuple(out.shape))
    out.backward(t(dout))
    got = ref.avg_pool2d_backward(dout, shape, k, s)
    assert_close(got, xt.grad.numpy())
    # the loop forward used for finite differences below agrees with torch too
    assert_close(_avg_pool_np(xt.detach().numpy(), k, s), out.detach().numpy())


@pytest.mark.parametrize("shape,k,s", [((1, 2, 5, 5), 3, 1), ((1, 1, 7, 6), 2, 3)])
def test_avg_pool2d_backward_finite_differences(shape, k, s):
    rng = np.random.default_rng(3)
    x = rng.normal(size=shape)
    dout = rng.normal(size=_avg_pool_np(x, k, s).shape)
    num = finite_difference(lambda z: np.sum(_avg_pool_np(z, k, s) * dout), x)
    assert_close(ref.avg_pool2d_backward(dout, shape, k, s), num, rtol=1e-6, atol=1e-8)


def test_avg_pool2d_backward_gradient_sum_is_preserved():
    rng = np.random.default_rng(5)
    dout = rng.normal(size=(2, 3, 3, 3))
    dx = ref.avg_pool2d_backward(dout, (2, 3, 7, 7), 3, 2)  # overlapping windows
    np.testing.assert_allclose(dx.sum(), dout.sum(), rtol=1e-12)


# ---------------------------------------------------------------- receptive field


def brute_force_receptive_field(layers, length=64):
    """Span of input pixels that influence one output unit of a 1-D stack of convs
    with all-ones weights, found with torch autograd."""
    x = torch.ones(1, 1, length, dtype=torch.float64, requires_grad=True)
    y = x
    for layer in layers:
        k, s = layer[0], layer[1]
        d = layer[2] if len(layer) > 2 else 1
        y = F.conv1d(y, torch.ones(1, 1, k, dtype=torch.float64), stride=s, dilation=d)
    assert y.shape[2] >= 1
    y[0, 0, 0].backward()
    nz = np.nonzero(x.grad.numpy()[0, 0])[0]
    return int(nz.max() - nz.min() + 1)


@pytest.mark.parametrize(
    "layers",
    [
        [(3, 1), (3, 1), (3, 1)],
        [(7, 2), (3, 2), (3, 1), (3, 1)],
        [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
        [(2, 2), (2, 2), (2, 2)],
        [(1, 3), (3, 2, 2), (5, 1)],
        [(1, 1)],
        [(3, 4), (2, 3, 3)],  # stride > kernel
    ],
)
def test_receptive_field_matches_brute_force(layers):
    got = ref.receptive_field(layers)
    assert isinstance(got, int)
    assert got == brute_force_receptive_field(layers, length=200)


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=4))
def test_receptive_field_random_stacks(layers):
    assert ref.receptive_field(layers) == brute_force_receptive_field(layers, length=400)


def test_receptive_field_hand_worked():
    assert ref.receptive_field([]) == 1
    assert ref.receptive_field([(3, 1)] * 3) == 7  # three 3x3 convs see 7x7, the VGG argument
    assert ref.receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == 15  # dilated stack, 2**(l+1) - 1


# ---------------------------------------------------------------- bilinear sampling


def brute_force_bilinear(img, y, x):
    h, w = img.shape
    out = np.zeros(y.shape)
    for idx in np.ndindex(y.shape):
        total = 0.0
        for qy in range(h):
            for qx in range(w):
                total += max(0.0, 1 - abs(qy - y[idx])) * max(0.0, 1 - abs(qx - x[idx])) * img[qy, qx]
        out[idx] = total
    return out


def torch_grid_sample(img, y, x):
    h, w = img.shape
    gx = 2 * x / (w - 1) - 1  # align_corners=True: -1 and 1 are the centres of the corner pixels
    gy = 2 * y / (h - 1) - 1
    grid = torch.stack([t(gx.ravel()), t(gy.ravel())], dim=-1).reshape(1, 1, -1, 2)
    out = F.grid_sample(t(img)[None, None], grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    return out.numpy().reshape(y.shape)


@pytest.mark.parametrize("h,w", [(4, 5), (3, 3), (2, 6)])
def test_bilinear_sample_matches_grid_sample_and_brute_force(h, w):
    rng = np.random.default_rng(h * w)
    img = rng.normal(size=(h, w))
    y = rng.uniform(-1.5, h + 0.5, size=(3, 7))
    x = rng.uniform(-1.5, w + 0.5, size=(3, 7))
    # integer points, exact borders and points just outside
    y[0, :4] = [0.0, h - 1, -0.25, h - 0.75]
    x[0, :4] = [w - 1, 0.0, 1.5, 2.0]
    y[1, :3] = [-1.0, 2.0, h + 3.0]
    x[1, :3] = [1.0, -1.0, 0.5]
    got = ref.bilinear_sample(img, y, x)
    assert_close(got, brute_force_bilinear(img, y, x))
    assert_close(got, torch_grid_sample(img, y, x))


def test_bilinear_sample_integer_points_return_pixels_and_far_points_zero():
    img = np.arange(12.0).reshape(3, 4)
    yy, xx = np.meshgrid(np.arange(3.0), np.arange(4.0), indexing="ij")
    assert_close(ref.bilinear_sample(img, yy, xx), img)
    assert_close(ref.bilinear_sample(img, np.array([-5.0, 10.0, 1.0]), np.array([1.0, 1.0, 50.0])), np.zeros(3))


def test_bilinear_sample_one_d_and_scalar_shapes():
    img = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = ref.bilinear_sample(img, np.array([0.5]), np.array([0.5]))
    assert_close(got, np.array([2.5]))
    assert_close(ref.bilinear_sample(img, np.array(0.5), np.array(0.0)), np.array(2.0))


@SETTINGS
@given(
    y=st.floats(-3, 6, allow_nan=False),
    x=st.floats(-3, 7, allow_nan=False),
)
def test_bilinear_sample_property_matches_brute_force(y, x):
    img = np.arange(20.0).reshape(4, 5) ** 1.5
    ya, xa = np.array([y]), np.array([x])
    assert_close(ref.bilinear_sample(img, ya, xa), brute_force_bilinear(img, ya, xa), rtol=1e-9, atol=1e-9)

"""Recompute every numeric answer written from seed note 003.

Each numeric question of questions/*/s003.yaml is recomputed here independently of the YAML: with
the catalogue reference solutions where one applies, else with NumPy, torch or plain arithmetic.
"""

from __future__ import annotations

import numpy as np
import torch

from conftest import recomputation_tests
from reference_impls import classical_ml as cml
from reference_impls import convolution as conv
from reference_impls import normalization as nrm

SEED = "003_11fe8523ef678ab4.txt"


def _with_exact_covariance(cov: np.ndarray, n: int = 500, seed: int = 0) -> np.ndarray:
    """Zero-mean samples (rows) whose population covariance is exactly `cov`."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, cov.shape[0]))
    z -= z.mean(0)
    z = z @ np.linalg.inv(np.linalg.cholesky(z.T @ z / n)).T  # whiten: covariance exactly I
    return z @ np.linalg.cholesky(cov).T


# ---------------------------------------------------------------- classical ML (feature scaling)
def _correlated_condition_number() -> float:
    x = _with_exact_covariance(np.array([[4.0, 0.9 * 2 * 3], [0.9 * 2 * 3, 9.0]]))  # stds 2, 3; rho 0.9
    xs = cml.standardize(x)
    hess = 2.0 / len(xs) * xs.T @ xs  # Hessian of the mean squared error in the weights
    return float(np.linalg.cond(hess))


def _gd_max_lr_unscaled() -> float:
    x = _with_exact_covariance(np.diag([100.0**2, 1.0]))
    n = len(x)
    hess = 2.0 / n * x.T @ x
    threshold = 2.0 / np.linalg.eigvalsh(hess).max()
    y = x @ np.array([0.3, -2.0])

    def run(lr: float, steps: int = 300) -> float:
        w = np.zeros(2)
        for _ in range(steps):
            w = w - lr * (2.0 / n) * x.T @ (x @ w - y)
        return float(np.mean((x @ w - y) ** 2))

    assert run(0.95 * threshold) < run(0.0, 1)  # converging (slowly) below the threshold
    assert run(1.05 * threshold) > 1e6  # diverging above it
    return float(threshold)


def _min_max_test_value() -> float:
    train = np.array([[10.0], [20.0], [50.0], [30.0]])
    scaled = cml.min_max_scale(train)
    lo, hi = train.min(), train.max()
    assert np.allclose(scaled[:, 0], (train[:, 0] - lo) / (hi - lo))  # same map as the reference
    return float((60.0 - lo) / (hi - lo))


def _z_score_population() -> float:
    z = cml.standardize(np.array([[1.0], [3.0], [5.0], [7.0], [9.0]]))
    return float(z[-1, 0])


# ---------------------------------------------------------------- convolution
def _rf_mixed_stack() -> float:
    return float(conv.receptive_field([(3, 1), (3, 2), (2, 2), (3, 1)]))


def _rf_downsampling() -> float:
    without = conv.receptive_field([(3, 1), (3, 1), (3, 1)])
    assert without == 7
    return float(conv.receptive_field([(3, 1), (2, 2), (3, 1), (2, 2), (3, 1)]))


def _interpolate_align_corners() -> float:
    x = torch.tensor([[[0.0, 10.0, 20.0, 30.0]]], dtype=torch.float64)
    out = torch.nn.functional.interpolate(x, scale_factor=2, mode="linear", align_corners=False)
    assert out.shape[-1] == 8
    # same value through the reference bilinear sampler at the source coordinate (i + 0.5)/2 - 0.5
    src = (3 + 0.5) / 2 - 0.5
    ref = conv.bilinear_sample(np.array([[0.0, 10.0, 20.0, 30.0]]), np.array([0.0]), np.array([src]))
    assert abs(float(ref[0]) - float(out[0, 0, 3])) < 1e-12
    return float(out[0, 0, 3])


def _pixel_shuffle_channels() -> float:
    r, c_out = 4, 3
    channels = c_out * r * r
    y = torch.nn.PixelShuffle(r)(torch.zeros(1, channels, 5, 5))
    assert tuple(y.shape) == (1, c_out, 5 * r, 5 * r)
    return float(channels)


def _avg_pool_overlap() -> float:
    dout = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dx = conv.avg_pool2d_backward(dout, (1, 1, 4, 4), 3, 1)
    # cross-check with torch autograd
    x = torch.zeros(1, 1, 4, 4, dtype=torch.float64, requires_grad=True)
    torch.nn.functional.avg_pool2d(x, 3, 1).backward(torch.tensor(dout))
    assert np.allclose(dx, x.grad.numpy())
    return float(dx[0, 0, 1, 3])


def _max_pool_overlap() -> float:
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 1, size=(1, 1, 4, 4))
    x[0, 0, 1, 2] = 5.0  # the unique largest value
    dout = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dx = conv.max_pool2d_backward(dout, x, 3, 1)
    assert abs(dx.sum() - dout.sum()) < 1e-12 and np.count_nonzero(dx) == 1
    return float(dx[0, 0, 1, 2])


def _grouped_conv_params() -> float:
    layer = torch.nn.Conv2d(64, 128, kernel_size=3, groups=4, bias=False)
    n = sum(p.numel() for p in layer.parameters())
    assert conv.conv2d_macs(64, 128, 3, 1, 1, groups=4) == n  # one output position: MACs == weights
    return float(n)


def _conv_matrix_nonzeros() -> float:
    rng = np.random.default_rng(2)
    w = rng.uniform(0.5, 1.5, size=(1, 1, 3, 3))  # no zero weights
    cols = []
    for i in range(16):  # column i of C = conv applied to the i-th unit input
        e = np.zeros((1, 1, 4, 4))
        e.flat[i] = 1.0
        cols.append(conv.conv2d(e, w).reshape(-1))
    c = np.stack(cols, axis=1)
    assert c.shape == (4, 16)
    return float(np.count_nonzero(c))


def _transposed_output_size() -> float:
    size = conv.conv_transpose2d_output_size(7, 4, stride=2, padding=1)
    y = torch.nn.ConvTranspose2d(1, 1, kernel_size=4, stride=2, padding=1)(torch.zeros(1, 1, 7, 7))
    assert y.shape[-1] == size
    return float(size)


def _transposed_zero_insertion() -> float:
    i, k, s, p = 3, 3, 2, 0
    inserted = i + (i - 1) * (s - 1)
    padded = inserted + 2 * (k - p - 1)
    # the construction really computes the transposed convolution
    rng = np.random.default_rng(3)
    x = rng.normal(size=(1, 1, i, i))
    w = rng.normal(size=(1, 1, k, k))
    z = np.zeros((1, 1, padded, padded))
    off = k - p - 1
    z[0, 0, off : off + inserted : s, off : off + inserted : s] = x[0, 0]
    direct = conv.conv2d(z, w[:, :, ::-1, ::-1].transpose(1, 0, 2, 3).copy())
    assert np.allclose(direct, conv.conv_transpose2d(x, w, stride=s, padding=p))
    assert conv.conv2d_output_size(padded, k) == conv.conv_transpose2d_output_size(i, k, s, p)
    return float(padded)


# ---------------------------------------------------------------- architectures
def _efficientnet_flops() -> float:
    # depth x1.2, width x1.1, resolution x1.15 applied to a stack of 10 convs, 100 channels, 100x100 maps
    base = 10 * conv.conv2d_macs(100, 100, 3, 100, 100)
    scaled = 12 * conv.conv2d_macs(110, 110, 3, 115, 115)
    return scaled / base


def _resolution_flops() -> float:
    def macs(size: int) -> int:
        h = conv.conv2d_output_size(size, 3, stride=1, padding=1)
        return conv.conv2d_macs(64, 64, 3, h, h)

    return macs(320) / macs(224)


def _concat_then_conv_params() -> float:
    add = sum(p.numel() for p in torch.nn.Conv2d(256, 256, 3, bias=False).parameters())
    assert add == 589824
    return float(sum(p.numel() for p in torch.nn.Conv2d(512, 256, 3, bias=False).parameters()))


# ---------------------------------------------------------------- normalization
def _divide_by_variance_bug() -> float:
    x = np.array([[2.0], [4.0], [6.0], [8.0]])
    mu, var = x.mean(0), x.var(0)
    wrong = (x - mu) / var
    right = nrm.batchnorm_forward(x, np.ones(1), np.zeros(1), eps=0.0)
    assert abs(right.var() - 1.0) < 1e-12
    return float(wrong.var())


COMPUTE = {
    "classical-ml.correlated-features-condition-number": _correlated_condition_number,
    "classical-ml.gd-max-lr-unscaled": _gd_max_lr_unscaled,
    "classical-ml.min-max-test-out-of-range": _min_max_test_value,
    "classical-ml.z-score-population-std": _z_score_population,
    "convolution.rf-mixed-stack": _rf_mixed_stack,
    "convolution.downsampling-enlarges-rf": _rf_downsampling,
    "convolution.interpolate-align-corners": _interpolate_align_corners,
    "convolution.pixel-shuffle-channels": _pixel_shuffle_channels,
    "convolution.avg-pool-overlap-backward": _avg_pool_overlap,
    "convolution.max-pool-overlap-backward": _max_pool_overlap,
    "convolution.grouped-conv-params": _grouped_conv_params,
    "convolution.conv-matrix-nonzeros": _conv_matrix_nonzeros,
    "convolution.transposed-conv-output-size": _transposed_output_size,
    "convolution.transposed-conv-zero-insertion-size": _transposed_zero_insertion,
    "architectures.efficientnet-compound-flops": _efficientnet_flops,
    "architectures.resolution-flops-factor": _resolution_flops,
    "architectures.concat-then-conv-params": _concat_then_conv_params,
    "normalization.bn-divide-by-variance-bug": _divide_by_variance_bug,
}


test_files_exist, test_every_numeric_question_is_recomputed, test_numeric_value = recomputation_tests(SEED, COMPUTE)

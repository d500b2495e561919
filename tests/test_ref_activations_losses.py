"""Oracle tests of reference_impls.activations_losses.

Oracles: scipy.special (softmax, log_softmax, expit), torch 2.13 CPU in float64
(softmax, log_softmax, sigmoid, cross_entropy, binary_cross_entropy_with_logits,
smooth_l1_loss with beta, cross_entropy with label_smoothing, autograd) and
central finite differences for the gradient.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import special

from reference_impls.activations_losses import (
    bce_with_logits,
    cross_entropy,
    label_smoothing,
    log_softmax,
    sigmoid,
    smooth_l1_grad,
    smooth_l1_loss,
    softmax,
)


def strict(fn, *args, **kwargs):
    """Call fn with every NumPy RuntimeWarning turned into an error (underflow allowed)."""
    with warnings.catch_warnings(), np.errstate(under="ignore"):
        warnings.simplefilter("error", RuntimeWarning)
        return fn(*args, **kwargs)


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


RNG = np.random.default_rng(1234)
SHAPES_AXES = [
    ((4, 5), -1),
    ((4, 5), 0),
    ((2, 3, 4), 1),
    ((2, 3, 4), -1),
    ((7,), 0),
    ((1, 6), -1),
    ((5, 1), -1),
]
LARGE = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, -1e4], [-1e4, -1e4, -1e4], [-1e4, -1e4 + 1.0, -1e4 + 2.0]])


# ---------------------------------------------------------------- softmax
@pytest.mark.parametrize("shape,axis", SHAPES_AXES)
def test_softmax_matches_scipy_and_torch(shape, axis):
    x = RNG.normal(scale=3.0, size=shape)
    out = strict(softmax, x, axis=axis)
    assert out.shape == x.shape and out.dtype == np.float64
    np.testing.assert_allclose(out, special.softmax(x, axis=axis), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(out, torch.softmax(t64(x), dim=axis).numpy(), rtol=1e-12, atol=1e-15)


def test_softmax_default_axis_is_last():
    x = RNG.normal(size=(3, 4))
    np.testing.assert_allclose(softmax(x), special.softmax(x, axis=-1), rtol=1e-12)


@pytest.mark.parametrize("axis", [0, 1])
def test_softmax_large_values_stable(axis):
    out = strict(softmax, LARGE, axis=axis)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, torch.softmax(t64(LARGE), dim=axis).numpy(), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(out, special.softmax(LARGE, axis=axis), rtol=1e-12, atol=1e-300)


def test_softmax_ties_give_uniform():
    x = np.full((2, 4), 7.5)
    np.testing.assert_allclose(strict(softmax, x), np.full((2, 4), 0.25))


finite_rows = arrays(
    np.float64,
    st.tuples(st.integers(1, 4), st.integers(1, 5)),
    elements=st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=50, deadline=None)
@given(finite_rows, st.floats(-1e3, 1e3))
def test_softmax_properties(x, shift):
    out = strict(softmax, x)
    assert np.all(out >= 0) and np.all(np.isfinite(out))
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, rtol=1e-12)
    # shift invariance (the shift keeps entries within |x| <= 1.1e4)
    np.testing.assert_allclose(strict(softmax, x + shift), out, rtol=1e-6, atol=1e-12)


# ---------------------------------------------------------------- log_softmax
@pytest.mark.parametrize("shape,axis", SHAPES_AXES)
def test_log_softmax_matches_scipy_and_torch(shape, axis):
    x = RNG.normal(scale=3.0, size=shape)
    out = strict(log_softmax, x, axis=axis)
    assert out.shape == x.shape and out.dtype == np.float64
    np.testing.assert_allclose(out, special.log_softmax(x, axis=axis), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(out, torch.log_softmax(t64(x), dim=axis).numpy(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_log_softmax_large_values_finite(axis):
    out = strict(log_softmax, LARGE, axis=axis)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, torch.log_softmax(t64(LARGE), dim=axis).numpy(), rtol=1e-12)
    np.testing.assert_allclose(out, special.log_softmax(LARGE, axis=axis), rtol=1e-12)


@settings(max_examples=50, deadline=None)
@given(finite_rows)
def test_log_softmax_logsumexp_is_zero(x):
    out = strict(log_softmax, x)
    assert np.all(out <= 1e-12)
    np.testing.assert_allclose(special.logsumexp(out, axis=-1), 0.0, atol=1e-9)


# ---------------------------------------------------------------- sigmoid
def test_sigmoid_matches_expit_and_torch():
    x = RNG.normal(scale=5.0, size=(4, 6))
    out = strict(sigmoid, x)
    assert out.shape == x.shape and out.dtype == np.float64
    np.testing.assert_allclose(out, special.expit(x), rtol=1e-14)
    np.testing.assert_allclose(out, torch.sigmoid(t64(x)).numpy(), rtol=1e-14)


def test_sigmoid_extremes_stable():
    x = np.array([-1e4, -800.0, -745.0, -40.0, 0.0, 40.0, 800.0, 1e4])
    out = strict(sigmoid, x)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, special.expit(x), rtol=1e-14, atol=1e-300)
    assert out[0] == 0.0 and out[-1] == 1.0 and out[4] == 0.5


def test_sigmoid_scalar_input():
    assert float(sigmoid(0.0)) == 0.5
    np.testing.assert_allclose(float(sigmoid(2.0)), special.expit(2.0), rtol=1e-15)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-1e4, 1e4)))
def test_sigmoid_symmetry(x):
    out = strict(sigmoid, x)
    np.testing.assert_allclose(out + strict(sigmoid, -x), 1.0, rtol=1e-12)
    np.testing.assert_allclose(out, special.expit(x), rtol=1e-12, atol=1e-300)


# ---------------------------------------------------------------- cross_entropy
@pytest.mark.parametrize("n,c", [(5, 4), (1, 3), (8, 10), (3, 2)])
def test_cross_entropy_matches_torch(n, c):
    logits = RNG.normal(scale=2.0, size=(n, c))
    labels = RNG.integers(0, c, size=n)
    got = strict(cross_entropy, logits, labels)
    want = F.cross_entropy(t64(logits), torch.tensor(labels)).item()
    assert np.isscalar(got) or np.ndim(got) == 0
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_cross_entropy_large_logits():
    logits = np.array([[1e4, 0.0, -1e4], [-1e4, 1e4, 0.0], [5e3, 5e3, -1e4]])
    for labels in ([0, 1, 0], [2, 0, 2]):
        got = strict(cross_entropy, logits, np.array(labels))
        want = F.cross_entropy(t64(logits), torch.tensor(labels)).item()
        assert np.isfinite(got)
        np.testing.assert_allclose(got, want, rtol=1e-12)


# ---------------------------------------------------------------- bce_with_logits
@pytest.mark.parametrize("shape", [(6,), (3, 4), (1, 1)])
def test_bce_with_logits_matches_torch(shape):
    x = RNG.normal(scale=3.0, size=shape)
    t_hard = RNG.integers(0, 2, size=shape).astype(np.float64)
    t_soft = RNG.uniform(size=shape)
    for t in (t_hard, t_soft):
        got = strict(bce_with_logits, x, t)
        want = F.binary_cross_entropy_with_logits(t64(x), t64(t)).item()
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_bce_with_logits_large_values():
    x = np.array([1e4, -1e4, 1e4, -1e4, 0.0])
    t = np.array([0.0, 1.0, 1.0, 0.0, 0.3])
    got = strict(bce_with_logits, x, t)
    want = torch.nn.BCEWithLogitsLoss()(t64(x), t64(t)).item()
    assert np.isfinite(got)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    # by hand: (1e4 + 1e4 + 0 + 0 + log 2) / 5
    np.testing.assert_allclose(got, (2e4 + np.log(2.0)) / 5, rtol=1e-12)


# ---------------------------------------------------------------- smooth L1
@pytest.mark.parametrize("beta", [1.0, 0.5, 2.0, 1e-3, 0.0])
def test_smooth_l1_loss_matches_torch(beta):
    pred = RNG.normal(scale=2.0, size=(4, 5))
    target = RNG.normal(scale=2.0, size=(4, 5))
    got = smooth_l1_loss(pred, target, beta=beta)
    want = F.smooth_l1_loss(t64(pred), t64(target), beta=beta).item()
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_smooth_l1_loss_default_beta_and_boundary():
    pred = np.array([0.0, 1.0, -1.0, 3.0, 0.25])
    target = np.zeros(5)
    np.testing.assert_allclose(
        smooth_l1_loss(pred, target), F.smooth_l1_loss(t64(pred), t64(target)).item(), rtol=1e-12
    )
    # |d| = beta exactly: both branches give beta / 2
    np.testing.assert_allclose(smooth_l1_loss(np.array([2.0]), np.array([0.0]), beta=2.0), 1.0)


@pytest.mark.parametrize("beta", [1.0, 0.5, 3.0])
def test_smooth_l1_grad_matches_autograd(beta):
    pred = RNG.normal(scale=2.0, size=(3, 4))
    target = RNG.normal(scale=2.0, size=(3, 4))
    tp = t64(pred).requires_grad_(True)
    F.smooth_l1_loss(tp, t64(target), beta=beta).backward()
    got = smooth_l1_grad(pred, target, beta=beta)
    assert got.shape == pred.shape and got.dtype == np.float64
    np.testing.assert_allclose(got, tp.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("beta", [1.0, 0.3])
def test_smooth_l1_grad_finite_differences(beta):
    pred = RNG.normal(scale=1.5, size=(2, 5))
    target = RNG.normal(scale=1.5, size=(2, 5))
    d = pred - target
    # stay away from the kinks |d| = beta and d = 0, where the derivative is one-sided
    pred = np.where(np.abs(np.abs(d) - beta) < 1e-3, pred + 0.01, pred)
    h = 1e-6
    num = np.zeros_like(pred)
    for idx in np.ndindex(pred.shape):
        e = np.zeros_like(pred)
        e[idx] = h
        num[idx] = (smooth_l1_loss(pred + e, target, beta) - smooth_l1_loss(pred - e, target, beta)) / (2 * h)
    np.testing.assert_allclose(smooth_l1_grad(pred, target, beta), num, rtol=1e-5, atol=1e-9)


# ---------------------------------------------------------------- label smoothing
@pytest.mark.parametrize("n,c,eps", [(4, 3, 0.1), (1, 5, 0.2), (6, 2, 0.0), (3, 4, 1.0), (5, 10, 0.05)])
def test_label_smoothing_matches_torch_cross_entropy(n, c, eps):
    labels = RNG.integers(0, c, size=n)
    y = label_smoothing(labels, c, eps)
    assert y.shape == (n, c) and y.dtype == np.float64
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-12)
    # torch's cross_entropy(label_smoothing=eps) is the cross-entropy against these targets,
    # for any logits; random logits pin the target down completely.
    for _ in range(3):
        logits = RNG.normal(size=(n, c))
        want = F.cross_entropy(t64(logits), torch.tensor(labels), label_smoothing=eps).item()
        got = float(np.mean(-(y * torch.log_softmax(t64(logits), dim=1).numpy()).sum(axis=1)))
        np.testing.assert_allclose(got, want, rtol=1e-10)
    # soft-target form of torch's cross_entropy as a second oracle
    logits = RNG.normal(size=(n, c))
    want = F.cross_entropy(t64(logits), torch.tensor(labels), label_smoothing=eps).item()
    np.testing.assert_allclose(F.cross_entropy(t64(logits), t64(y)).item(), want, rtol=1e-10)


def test_label_smoothing_by_hand():
    y = label_smoothing(np.array([0, 2]), 3, 0.3)
    np.testing.assert_allclose(y, [[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])

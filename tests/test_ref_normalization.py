"""Oracle tests of reference_impls.normalization.

Oracles: torch 2.13 CPU in float64 (F.batch_norm in training and eval mode,
BatchNorm1d running statistics, F.layer_norm, F.instance_norm, F.group_norm,
autograd for the backward pass), central finite differences, and hand-worked
values where torch refuses the input (batch of 1 in training mode).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impls.normalization import (
    batchnorm2d_forward,
    batchnorm_backward,
    batchnorm_eval,
    batchnorm_forward,
    group_norm,
    instance_norm,
    layer_norm,
    update_running_stats,
)

RNG = np.random.default_rng(99)


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


def torch_bn_train(x, gamma, beta, eps):
    return F.batch_norm(t64(x), None, None, t64(gamma), t64(beta), training=True, eps=eps).numpy()


# ---------------------------------------------------------------- batchnorm_forward
@pytest.mark.parametrize("n,d,eps", [(4, 3, 1e-5), (8, 5, 1e-5), (2, 6, 1e-5), (5, 2, 0.5)])
def test_batchnorm_forward_matches_torch(n, d, eps):
    x = RNG.normal(loc=3.0, scale=2.0, size=(n, d))
    gamma, beta = RNG.normal(size=d), RNG.normal(size=d)
    out = batchnorm_forward(x, gamma, beta, eps=eps)
    assert out.shape == (n, d) and out.dtype == np.float64
    np.testing.assert_allclose(out, torch_bn_train(x, gamma, beta, eps), rtol=1e-10, atol=1e-12)


def test_batchnorm_forward_constant_column_and_default_eps():
    x = RNG.normal(size=(5, 3))
    x[:, 1] = 4.2
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 3.0])
    out = batchnorm_forward(x, gamma, beta)
    np.testing.assert_allclose(out, torch_bn_train(x, gamma, beta, 1e-5), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(out[:, 1], -1.0)


def test_batchnorm_forward_batch_of_one_gives_beta():
    # torch refuses N=1 in training mode; by the formula x - mean = 0, so out = beta
    x = RNG.normal(size=(1, 4))
    gamma, beta = RNG.normal(size=4), RNG.normal(size=4)
    np.testing.assert_allclose(batchnorm_forward(x, gamma, beta), beta[None, :], atol=1e-15)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_batchnorm_forward_normalizes_columns(n, d, seed):
    r = np.random.default_rng(seed)
    x = r.normal(scale=10.0, size=(n, d))
    out = batchnorm_forward(x, np.ones(d), np.zeros(d), eps=1e-12)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-9)
    var = x.var(axis=0)
    np.testing.assert_allclose(out.var(axis=0), var / (var + 1e-12), rtol=1e-8)


# ---------------------------------------------------------------- batchnorm_backward
@pytest.mark.parametrize("n,d,eps", [(4, 3, 1e-5), (6, 5, 1e-5), (2, 2, 0.1), (3, 4, 1e-5)])
def test_batchnorm_backward_matches_autograd(n, d, eps):
    x = RNG.normal(loc=1.0, scale=2.0, size=(n, d))
    gamma, beta = RNG.normal(size=d), RNG.normal(size=d)
    dout = RNG.normal(size=(n, d))
    tx, tg, tb = (t64(a).requires_grad_(True) for a in (x, gamma, beta))
    F.batch_norm(tx, None, None, tg, tb, training=True, eps=eps).backward(t64(dout))
    dx, dgamma, dbeta = batchnorm_backward(dout, x, gamma, eps=eps)
    assert dx.shape == (n, d) and dgamma.shape == (d,) and dbeta.shape == (d,)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(dgamma, tg.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dbeta, tb.grad.numpy(), rtol=1e-10, atol=1e-12)


def _numeric_grads(dout, x, gamma, beta, eps, h=1e-6):
    def f(xx, gg, bb):
        return float(np.sum(dout * batchnorm_forward(xx, gg, bb, eps=eps)))

    out = []
    for which, arr in enumerate((x, gamma, beta)):
        g = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            e = np.zeros_like(arr)
            e[idx] = h
            args_p = [x, gamma, beta]
            args_m = [x, gamma, beta]
            args_p[which] = arr + e
            args_m[which] = arr - e
            g[idx] = (f(*args_p) - f(*args_m)) / (2 * h)
        out.append(g)
    return out


@pytest.mark.parametrize("constant_column", [False, True])
def test_batchnorm_backward_finite_differences(constant_column):
    n, d, eps = 5, 3, 1e-3
    x = RNG.normal(size=(n, d))
    if constant_column:
        x[:, 0] = 2.0
    gamma, beta, dout = RNG.normal(size=d), RNG.normal(size=d), RNG.normal(size=(n, d))
    num = _numeric_grads(dout, x, gamma, beta, eps)
    got = batchnorm_backward(dout, x, gamma, eps=eps)
    for a, b in zip(got, num, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_batchnorm_backward_batch_of_one():
    x, dout = RNG.normal(size=(1, 3)), RNG.normal(size=(1, 3))
    gamma, beta = RNG.normal(size=3), RNG.normal(size=3)
    dx, dgamma, dbeta = batchnorm_backward(dout, x, gamma)
    num = _numeric_grads(dout, x, gamma, beta, 1e-5)
    np.testing.assert_allclose(dx, 0.0, atol=1e-12)
    np.testing.assert_allclose(dx, num[0], atol=1e-6)
    np.testing.assert_allclose(dgamma, 0.0, atol=1e-12)
    np.testing.assert_allclose(dbeta, dout[0])


# ---------------------------------------------------------------- batchnorm2d_forward
@pytest.mark.parametrize("shape", [(2, 3, 4, 4), (2, 2, 3, 5), (1, 3, 2, 2), (4, 3, 1, 1)])
def test_batchnorm2d_forward_matches_torch(shape):
    x = RNG.normal(loc=-2.0, scale=3.0, size=shape)
    c = shape[1]
    gamma, beta = RNG.normal(size=c), RNG.normal(size=c)
    out = batchnorm2d_forward(x, gamma, beta)
    assert out.shape == shape and out.dtype == np.float64
    np.testing.assert_allclose(out, torch_bn_train(x, gamma, beta, 1e-5), rtol=1e-10, atol=1e-12)
    out = batchnorm2d_forward(x, gamma, beta, eps=0.3)
    np.testing.assert_allclose(out, torch_bn_train(x, gamma, beta, 0.3), rtol=1e-10, atol=1e-12)


def test_batchnorm2d_forward_constant_channel():
    x = RNG.normal(size=(2, 3, 2, 3))
    x[:, 2] = -7.0
    gamma, beta = np.ones(3), np.array([0.0, 0.0, 5.0])
    out = batchnorm2d_forward(x, gamma, beta)
    np.testing.assert_allclose(out, torch_bn_train(x, gamma, beta, 1e-5), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(out[:, 2], 5.0)


# ---------------------------------------------------------------- batchnorm_eval
@pytest.mark.parametrize("n,d,eps", [(4, 3, 1e-5), (1, 5, 1e-5), (6, 2, 0.2)])
def test_batchnorm_eval_matches_torch(n, d, eps):
    x = RNG.normal(size=(n, d))
    rm, rv = RNG.normal(size=d), RNG.uniform(0.01, 3.0, size=d)
    gamma, beta = RNG.normal(size=d), RNG.normal(size=d)
    out = batchnorm_eval(x, rm, rv, gamma, beta, eps=eps)
    want = F.batch_norm(t64(x), t64(rm), t64(rv), t64(gamma), t64(beta), training=False, eps=eps)
    assert out.shape == (n, d) and out.dtype == np.float64
    np.testing.assert_allclose(out, want.numpy(), rtol=1e-10, atol=1e-12)


def test_batchnorm_eval_matches_torch_module_after_training():
    bn = torch.nn.BatchNorm1d(3, momentum=0.3).double()
    with torch.no_grad():
        bn.weight.copy_(t64([1.5, -0.5, 2.0]))
        bn.bias.copy_(t64([0.1, 0.2, 0.3]))
    bn.train()
    for _ in range(3):
        bn(t64(RNG.normal(loc=2.0, size=(5, 3))))
    bn.eval()
    x = RNG.normal(size=(4, 3))
    want = bn(t64(x)).detach().numpy()
    got = batchnorm_eval(
        x,
        bn.running_mean.numpy(),
        bn.running_var.numpy(),
        bn.weight.detach().numpy(),
        bn.bias.detach().numpy(),
        eps=bn.eps,
    )
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


# ---------------------------------------------------------------- update_running_stats
@pytest.mark.parametrize(
    "n,d,momentum", [(5, 3, 0.1), (2, 4, 0.1), (8, 2, 0.5), (3, 3, 1.0), (4, 2, 0.0), (6, 1, 0.01)]
)
def test_update_running_stats_matches_batchnorm1d(n, d, momentum):
    rm0, rv0 = RNG.normal(size=d), RNG.uniform(0.5, 2.0, size=d)
    x = RNG.normal(loc=1.0, scale=2.0, size=(n, d))
    bn = torch.nn.BatchNorm1d(d, momentum=momentum).double()
    with torch.no_grad():
        bn.running_mean.copy_(t64(rm0))
        bn.running_var.copy_(t64(rv0))
    bn.train()
    bn(t64(x))
    mean, var = update_running_stats(rm0, rv0, x, momentum=momentum)
    assert mean.shape == (d,) and var.shape == (d,)
    np.testing.assert_allclose(mean, bn.running_mean.numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(var, bn.running_var.numpy(), rtol=1e-12, atol=1e-14)


def test_update_running_stats_default_momentum():
    rm0, rv0, x = np.zeros(2), np.ones(2), RNG.normal(size=(4, 2))
    bn = torch.nn.BatchNorm1d(2).double()  # momentum 0.1, running stats 0 and 1
    bn.train()
    bn(t64(x))
    mean, var = update_running_stats(rm0, rv0, x)
    np.testing.assert_allclose(mean, bn.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(var, bn.running_var.numpy(), rtol=1e-12)


# ---------------------------------------------------------------- layer / instance / group norm
@pytest.mark.parametrize("shape", [(4, 5), (2, 3, 4), (2, 3, 2, 2), (1, 6), (3, 1, 4)])
def test_layer_norm_matches_torch(shape):
    x = RNG.normal(loc=5.0, scale=2.0, size=shape)
    for eps in (1e-5, 0.1):
        out = layer_norm(x, eps=eps) if eps != 1e-5 else layer_norm(x)
        want = F.layer_norm(t64(x), shape[1:], eps=eps).numpy()
        assert out.shape == shape and out.dtype == np.float64
        np.testing.assert_allclose(out, want, rtol=1e-10, atol=1e-12)


def test_layer_norm_constant_row():
    x = RNG.normal(size=(3, 4))
    x[1] = 2.5
    out = layer_norm(x)
    np.testing.assert_allclose(out, F.layer_norm(t64(x), (4,)).numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(out[1], 0.0)


@pytest.mark.parametrize("shape", [(2, 3, 4, 4), (2, 2, 3, 5), (1, 3, 2, 2), (3, 2, 1, 4)])
def test_instance_norm_matches_torch(shape):
    x = RNG.normal(loc=-1.0, scale=3.0, size=shape)
    x[0, 0] = 1.25  # a constant map
    for eps in (1e-5, 0.05):
        out = instance_norm(x, eps=eps) if eps != 1e-5 else instance_norm(x)
        want = F.instance_norm(t64(x), eps=eps).numpy()
        assert out.shape == shape and out.dtype == np.float64
        np.testing.assert_allclose(out, want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    "shape,groups",
    [((2, 4, 3, 3), 2), ((2, 6, 2, 3), 3), ((1, 6, 2, 2), 2), ((2, 4, 2, 2), 1), ((2, 4, 2, 3), 4)],
)
def test_group_norm_matches_torch(shape, groups):
    x = RNG.normal(loc=2.0, scale=1.5, size=shape)
    for eps in (1e-5, 0.2):
        out = group_norm(x, groups, eps=eps) if eps != 1e-5 else group_norm(x, groups)
        want = F.group_norm(t64(x), groups, eps=eps).numpy()
        assert out.shape == shape and out.dtype == np.float64
        np.testing.assert_allclose(out, want, rtol=1e-10, atol=1e-12)


def test_group_norm_extremes_equal_layer_and_instance_norm():
    x = RNG.normal(size=(2, 4, 3, 2))
    np.testing.assert_allclose(group_norm(x, 1), F.layer_norm(t64(x), x.shape[1:]).numpy(), rtol=1e-10)
    np.testing.assert_allclose(group_norm(x, 4), F.instance_norm(t64(x)).numpy(), rtol=1e-10, atol=1e-12)

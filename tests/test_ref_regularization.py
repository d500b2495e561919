"""Oracle tests of reference_impls.regularization.

Oracles: torch 2.13 CPU in float64 (F.dropout's kept values and scale, read
back through uniforms consistent with its mask; torch.nn.utils.clip_grad_norm_;
torch.nn.init.xavier_uniform_ / kaiming_normal_ compared draw for draw with
uniform_ / normal_ under the same seed), a Monte-Carlo expectation check for
dropout, and hand-worked values.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impls.regularization import clip_grad_norm, dropout, he_normal_std, xavier_uniform_bound

RNG = np.random.default_rng(7)


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


# ---------------------------------------------------------------- dropout
@pytest.mark.parametrize("p,shape", [(0.5, (4, 5)), (0.2, (3, 3, 2)), (0.8, (10,))])
def test_dropout_matches_torch_given_its_mask(p, shape):
    x = RNG.uniform(0.5, 2.0, size=shape) * RNG.choice([-1.0, 1.0], size=shape)  # no zeros
    torch.manual_seed(0)
    want = F.dropout(t64(x), p=p, training=True).numpy()
    kept = want != 0
    # uniforms consistent with torch's mask: kept -> [p, 1), dropped -> [0, p)
    r = RNG.uniform(size=shape)
    u = np.where(kept, p + (1 - p) * r, p * r)
    out = dropout(x, p, u)
    assert out.shape == shape and out.dtype == np.float64
    np.testing.assert_allclose(out, want, rtol=1e-12, atol=0)


def test_dropout_tie_u_equal_p_is_kept():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    u = np.array([0.25, 0.2499, 0.9, 0.0])
    np.testing.assert_allclose(dropout(x, 0.25, u), [1 / 0.75, 0.0, 3 / 0.75, 0.0])


def test_dropout_p0_p1_and_eval():
    x = RNG.normal(size=(3, 4))
    u = RNG.uniform(size=(3, 4))
    np.testing.assert_allclose(dropout(x, 0.0, u), x)
    np.testing.assert_array_equal(dropout(x, 1.0, u), np.zeros((3, 4)))
    assert dropout(x, 1.0, u).dtype == np.float64
    for p in (0.0, 0.5, 1.0):
        out = dropout(x, p, u, training=False)
        np.testing.assert_array_equal(out, x)
        # torch leaves x unchanged in eval mode too
        np.testing.assert_array_equal(out, F.dropout(t64(x), p=p, training=False).numpy())


def test_dropout_is_unbiased_in_expectation():
    x = np.array([1.0, -2.0, 3.5])
    p = 0.3
    u = RNG.uniform(size=(20000, 3))
    mean = dropout(np.broadcast_to(x, u.shape), p, u).mean(axis=0)
    np.testing.assert_allclose(mean, x, rtol=0.05)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 0.99), st.integers(0, 2**32 - 1))
def test_dropout_properties(p, seed):
    r = np.random.default_rng(seed)
    x = r.normal(size=(3, 4))
    u = r.uniform(size=(3, 4))
    out = dropout(x, p, u)
    dropped = out == 0
    assert np.all(dropped[u < p])
    np.testing.assert_allclose(out[u >= p] * (1 - p), x[u >= p], rtol=1e-12)


# ---------------------------------------------------------------- clip_grad_norm
def torch_clip(grads, max_norm):
    params = []
    for g in grads:
        prm = torch.zeros(g.shape, dtype=torch.float64, requires_grad=True)
        prm.grad = t64(g)
        params.append(prm)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [prm.grad.numpy() for prm in params], float(total)


@pytest.mark.parametrize("max_norm", [0.5, 1.0, 3.0, 100.0])
def test_clip_grad_norm_matches_torch(max_norm):
    grads = [RNG.normal(size=(3, 2)), RNG.normal(size=(4,)), RNG.normal(size=(2, 2, 2))]
    got, norm = clip_grad_norm([g.copy() for g in grads], max_norm)
    want, want_norm = torch_clip(grads, max_norm)
    np.testing.assert_allclose(norm, want_norm, rtol=1e-12)
    assert isinstance(got, list) and len(got) == 3
    for a, b, g in zip(got, want, grads, strict=True):
        assert a.shape == g.shape and a.dtype == np.float64
        # torch divides by (norm + 1e-6); the catalogue by norm exactly, hence rtol 1e-5
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-12)


def test_clip_grad_norm_by_hand():
    got, norm = clip_grad_norm([np.array([3.0, 4.0])], 1.0)
    assert norm == 5.0
    np.testing.assert_allclose(got[0], [0.6, 0.8])
    got, norm = clip_grad_norm([np.array([3.0]), np.array([[4.0]])], 10.0)
    assert norm == 5.0
    np.testing.assert_array_equal(got[0], [3.0])
    np.testing.assert_array_equal(got[1], [[4.0]])
    got, norm = clip_grad_norm([np.zeros(3), np.zeros((2, 2))], 1.0)
    assert norm == 0.0 and np.all(np.isfinite(got[0]))


@settings(max_examples=40, deadline=None)
@given(st.floats(1e-3, 10.0), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_clip_grad_norm_properties(max_norm, k, seed):
    r = np.random.default_rng(seed)
    grads = [r.normal(scale=2.0, size=r.integers(1, 4, size=2)) for _ in range(k)]
    got, norm = clip_grad_norm(grads, max_norm)
    np.testing.assert_allclose(norm, math.sqrt(sum(np.sum(g**2) for g in grads)), rtol=1e-12)
    new_norm = math.sqrt(sum(np.sum(g**2) for g in got))
    assert new_norm <= max_norm * (1 + 1e-12) or np.isclose(new_norm, norm)
    # direction preserved: one common scale factor
    flat_old = np.concatenate([g.ravel() for g in grads])
    flat_new = np.concatenate([g.ravel() for g in got])
    scale = min(1.0, max_norm / norm)
    np.testing.assert_allclose(flat_new, flat_old * scale, rtol=1e-12)


# ---------------------------------------------------------------- init helpers
@pytest.mark.parametrize("fan_in,fan_out", [(3, 3), (2, 4), (1, 1), (784, 256), (10, 1000)])
def test_xavier_uniform_bound_matches_torch_init(fan_in, fan_out):
    a = xavier_uniform_bound(fan_in, fan_out)
    assert isinstance(a, float)
    w_ref = torch.empty(fan_out, fan_in, dtype=torch.float64)  # Linear weight: (out, in)
    torch.manual_seed(123)
    torch.nn.init.xavier_uniform_(w_ref)
    w = torch.empty(fan_out, fan_in, dtype=torch.float64)
    torch.manual_seed(123)
    w.uniform_(-a, a)
    np.testing.assert_allclose(w.numpy(), w_ref.numpy(), rtol=1e-12, atol=1e-15)


def test_xavier_uniform_bound_variance():
    # Var(U(-a, a)) = a^2 / 3 = 2 / (fan_in + fan_out)
    for fan_in, fan_out in [(3, 5), (64, 32)]:
        assert math.isclose(xavier_uniform_bound(fan_in, fan_out) ** 2 / 3, 2 / (fan_in + fan_out))


@pytest.mark.parametrize("fan_in", [1, 2, 8, 27, 4096])
def test_he_normal_std_matches_torch_init(fan_in):
    std = he_normal_std(fan_in)
    assert isinstance(std, float)
    w_ref = torch.empty(5, fan_in, dtype=torch.float64)
    torch.manual_seed(321)
    torch.nn.init.kaiming_normal_(w_ref, mode="fan_in", nonlinearity="relu")
    w = torch.empty(5, fan_in, dtype=torch.float64)
    torch.manual_seed(321)
    w.normal_(0.0, std)
    np.testing.assert_allclose(w.numpy(), w_ref.numpy(), rtol=1e-12, atol=1e-15)
    # and the documented formula: gain(relu) / sqrt(fan_in)
    assert math.isclose(std, torch.nn.init.calculate_gain("relu") / math.sqrt(fan_in), rel_tol=1e-15)


def test_he_normal_std_conv_fan_in():
    # conv weight (F, C, k, k): fan_in = C * k * k
    w_ref = torch.empty(4, 3, 3, 3, dtype=torch.float64)
    torch.manual_seed(5)
    torch.nn.init.kaiming_normal_(w_ref, nonlinearity="relu")
    w = torch.empty(4, 3, 3, 3, dtype=torch.float64)
    torch.manual_seed(5)
    w.normal_(0.0, he_normal_std(27))
    np.testing.assert_allclose(w.numpy(), w_ref.numpy(), rtol=1e-12)

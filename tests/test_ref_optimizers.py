"""Oracle tests of reference_impls.optimizers.

Oracles: one step of torch.optim (SGD with/without Nesterov, Adagrad, RMSprop,
Adadelta, Adam) in float64, with the optimizer state set to the given state, and,
for Newton's method, scipy.linalg.solve / scipy.optimize.minimize and a closed form.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import scipy.optimize
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from quizcli.grader.callbacks import make_callback
from reference_impls.optimizers import (
    adadelta_step,
    adagrad_step,
    adam_step,
    momentum_step,
    nesterov_step,
    newton_minimize,
    rmsprop_step,
)

SHAPES = [(1,), (5,), (2, 3)]


def _t(a: np.ndarray) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def _torch_step(cls, w, g, state: dict, **kw):
    """One step of a torch optimizer from parameters w, gradient g and a given state."""
    p = _t(w).requires_grad_(True)
    opt = cls([p], foreach=False, **kw)
    if state:
        opt.state[p] = {k: (_t(v) if isinstance(v, np.ndarray) else v) for k, v in state.items()}
    p.grad = _t(g)
    opt.step()
    new_state = {k: v.detach().numpy().copy() for k, v in opt.state[p].items() if k != "step"}
    return p.detach().numpy().copy(), new_state


def _rand(rng, shape, scale=1.0):
    return rng.normal(scale=scale, size=shape)


# ---------------------------------------------------------------- momentum / Nesterov


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_momentum_matches_torch_sgd(shape, seed):
    rng = np.random.default_rng(seed)
    w, g, v = _rand(rng, shape), _rand(rng, shape), _rand(rng, shape, 0.1)
    lr, mu = 0.05, 0.8
    w1, v1 = momentum_step(w.copy(), g.copy(), v.copy(), lr, mu)
    # PyTorch keeps buf with v = lr * buf.
    tw, ts = _torch_step(torch.optim.SGD, w, g, {"momentum_buffer": v / lr}, lr=lr, momentum=mu)
    np.testing.assert_allclose(w1, tw, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(v1, lr * ts["momentum_buffer"], rtol=1e-12, atol=1e-14)
    assert w1.shape == shape and v1.shape == shape and w1.dtype == np.float64


def test_momentum_first_step_matches_torch_without_buffer():
    rng = np.random.default_rng(3)
    w, g = _rand(rng, (4,)), _rand(rng, (4,))
    w1, v1 = momentum_step(w, g, np.zeros(4), 0.1)  # default momentum 0.9
    tw, ts = _torch_step(torch.optim.SGD, w, g, {}, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(w1, tw, rtol=1e-12)
    np.testing.assert_allclose(v1, 0.1 * ts["momentum_buffer"], rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31 - 1), st.floats(1e-4, 1.0))
def test_momentum_zero_is_plain_sgd(seed, lr):
    rng = np.random.default_rng(seed)
    w, g, v = _rand(rng, (3,)), _rand(rng, (3,)), _rand(rng, (3,))
    w1, v1 = momentum_step(w, g, v, lr, momentum=0.0)
    np.testing.assert_allclose(w1, w - lr * g, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(v1, lr * g, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_nesterov_matches_torch_sgd_nesterov(seed):
    rng = np.random.default_rng(seed)
    n = 3
    M = rng.normal(size=(n, n))
    Q = M @ M.T + n * np.eye(n)
    c = rng.normal(size=n)
    grad_fn = make_callback("quadratic_grad", {"Q": Q, "c": c})
    w, v = rng.normal(size=n), rng.normal(scale=0.1, size=n)
    lr, mu = 0.03, 0.9
    w1, v1 = nesterov_step(w.copy(), v.copy(), grad_fn, lr, mu)
    # torch's parameter is the look-ahead point theta = w - mu * v, its buffer v / lr.
    theta = w - mu * v
    tw, ts = _torch_step(
        torch.optim.SGD, theta, Q @ theta + c, {"momentum_buffer": v / lr}, lr=lr, momentum=mu, nesterov=True
    )
    np.testing.assert_allclose(v1, lr * ts["momentum_buffer"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(w1 - mu * v1, tw, rtol=1e-12, atol=1e-14)


def test_nesterov_evaluates_gradient_at_lookahead_only():
    calls = []

    def grad_fn(x):
        calls.append(np.array(x, dtype=float))
        return 2.0 * x

    w, v = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    w1, v1 = nesterov_step(w, v, grad_fn, 0.1, 0.5)
    assert len(calls) == 1
    np.testing.assert_allclose(calls[0], [0.75, -2.125])
    # hand-worked: v' = 0.5 v + 0.1 * 2 * (w - 0.5 v)
    np.testing.assert_allclose(v1, [0.25 + 0.15, 0.125 - 0.425])
    np.testing.assert_allclose(w1, w - v1)


# ---------------------------------------------------------------- adaptive methods


@pytest.mark.parametrize("shape", SHAPES)
def test_adagrad_matches_torch(shape):
    rng = np.random.default_rng(10)
    w, g, G = _rand(rng, shape), _rand(rng, shape), rng.uniform(0, 2, size=shape)
    w1, G1 = adagrad_step(w, g, G, lr=0.1, eps=1e-8)
    tw, ts = _torch_step(torch.optim.Adagrad, w, g, {"step": torch.tensor(3.0), "sum": G}, lr=0.1, eps=1e-8)
    np.testing.assert_allclose(w1, tw, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(G1, ts["sum"], rtol=1e-12)


def test_adagrad_tiny_gradient_eps_outside_root():
    g = np.array([1e-4, -1e-6, 0.0])
    w = np.zeros(3)
    w1, G1 = adagrad_step(w, g, np.zeros(3))  # defaults lr=0.01, eps=1e-8
    tw, ts = _torch_step(torch.optim.Adagrad, w, g, {}, lr=0.01, eps=1e-8)
    np.testing.assert_allclose(w1, tw, rtol=1e-12, atol=0)
    np.testing.assert_allclose(G1, ts["sum"], rtol=1e-12)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("rho", [0.9, 0.5])
def test_rmsprop_matches_torch(shape, rho):
    rng = np.random.default_rng(20)
    w, g, s = _rand(rng, shape), _rand(rng, shape), rng.uniform(0, 1, size=shape)
    w1, s1 = rmsprop_step(w, g, s, lr=0.01, rho=rho, eps=1e-8)
    tw, ts = _torch_step(
        torch.optim.RMSprop, w, g, {"step": torch.tensor(5.0), "square_avg": s}, lr=0.01, alpha=rho, eps=1e-8
    )
    np.testing.assert_allclose(w1, tw, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(s1, ts["square_avg"], rtol=1e-12)


def test_rmsprop_defaults_first_step_matches_torch():
    rng = np.random.default_rng(21)
    w, g = _rand(rng, (6,)), _rand(rng, (6,), 1e-3)
    w1, s1 = rmsprop_step(w, g, np.zeros(6))
    tw, ts = _torch_step(torch.optim.RMSprop, w, g, {}, lr=0.001, alpha=0.9, eps=1e-8)
    np.testing.assert_allclose(w1, tw, rtol=1e-12)
    np.testing.assert_allclose(s1, ts["square_avg"], rtol=1e-12)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("zero_state", [True, False])
def test_adadelta_matches_torch(shape, zero_state):
    rng = np.random.default_rng(30)
    w, g = _rand(rng, shape), _rand(rng, shape)
    if zero_state:
        Eg2, Edx2 = np.zeros(shape), np.zeros(shape)
    else:
        Eg2, Edx2 = rng.uniform(0, 1, size=shape), rng.uniform(0, 1e-2, size=shape)
    out = adadelta_step(w, g, Eg2, Edx2)  # defaults rho=0.9, eps=1e-6
    tw, ts = _torch_step(
        torch.optim.Adadelta,
        w,
        g,
        {"step": torch.tensor(1.0), "square_avg": Eg2, "acc_delta": Edx2},
        lr=1.0,
        rho=0.9,
        eps=1e-6,
    )
    np.testing.assert_allclose(out[0], tw, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(out[1], ts["square_avg"], rtol=1e-12)
    np.testing.assert_allclose(out[2], ts["acc_delta"], rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("t", [1, 2, 10, 1000])
@pytest.mark.parametrize("shape", SHAPES)
def test_adam_matches_torch(t, shape):
    rng = np.random.default_rng(40 + t)
    w, g = _rand(rng, shape), _rand(rng, shape)
    if t == 1:
        m, v = np.zeros(shape), np.zeros(shape)
    else:
        m, v = _rand(rng, shape, 0.1), rng.uniform(0, 0.1, size=shape)
    w1, m1, v1 = adam_step(w, g, m, v, t, lr=0.01, beta1=0.8, beta2=0.99, eps=1e-8)
    state = {"step": torch.tensor(float(t - 1)), "exp_avg": m, "exp_avg_sq": v}
    tw, ts = _torch_step(torch.optim.Adam, w, g, state, lr=0.01, betas=(0.8, 0.99), eps=1e-8)
    np.testing.assert_allclose(w1, tw, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(m1, ts["exp_avg"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(v1, ts["exp_avg_sq"], rtol=1e-12, atol=1e-15)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31 - 1), st.floats(1e-4, 1e-1))
def test_adam_first_step_moves_by_lr_times_sign(seed, lr):
    # From zero moments, m_hat = g and v_hat = g**2, so each coordinate moves by lr * sign(g).
    rng = np.random.default_rng(seed)
    g = np.sign(rng.normal(size=4)) * (0.5 + np.abs(rng.normal(size=4)))  # |g| >= 0.5 >> eps
    w = rng.normal(size=4)
    w1, m1, v1 = adam_step(w, g, np.zeros(4), np.zeros(4), 1, lr=lr)
    np.testing.assert_allclose(w - w1, lr * np.sign(g), rtol=1e-7)
    np.testing.assert_allclose(m1, 0.1 * g, rtol=1e-12)
    np.testing.assert_allclose(v1, 0.001 * g**2, rtol=1e-12)


# ---------------------------------------------------------------- Newton


@pytest.mark.parametrize("seed", [0, 1])
def test_newton_quadratic_one_step_is_exact(seed):
    rng = np.random.default_rng(seed)
    n = 4
    M = rng.normal(size=(n, n))
    Q, c = M @ M.T + np.eye(n), rng.normal(size=n)
    g, H = make_callback("quadratic_grad", {"Q": Q, "c": c}), make_callback("quadratic_hess", {"Q": Q})
    x = newton_minimize(g, H, rng.normal(size=n), n_iter=1)
    np.testing.assert_allclose(x, scipy.linalg.solve(Q, -c, assume_a="pos"), rtol=1e-10, atol=1e-12)


def test_newton_stops_once_step_is_tiny():
    calls = []
    Q, c = np.diag([2.0, 3.0]), np.array([1.0, -1.0])

    def grad(x):
        calls.append(1)
        return Q @ x + c

    x = newton_minimize(grad, lambda x: Q, np.array([5.0, 5.0]), n_iter=50)
    np.testing.assert_allclose(x, [-0.5, 1.0 / 3.0])
    assert len(calls) == 2  # the exact step, then a zero step, then stop


@pytest.mark.parametrize("n_iter", [1, 2, 5, 20])
def test_newton_quartic_closed_form(n_iter):
    # f(x) = sum(x**4) / 4: the Newton step is x - x**3 / (3 x**2) = (2/3) x, never tiny here.
    x0 = np.array([1.0, -2.0, 0.5])
    x = newton_minimize(lambda x: x**3, lambda x: np.diag(3 * x**2), x0, n_iter=n_iter)
    np.testing.assert_allclose(x, x0 * (2.0 / 3.0) ** n_iter, rtol=1e-12)


def test_newton_rosenbrock_matches_scipy():
    g, H = make_callback("rosenbrock_grad", {}), make_callback("rosenbrock_hess", {})
    x0 = np.array([-1.2, 1.0])
    x = newton_minimize(g, H, x0)
    res = scipy.optimize.minimize(
        scipy.optimize.rosen,
        x0,
        jac=scipy.optimize.rosen_der,
        hess=scipy.optimize.rosen_hess,
        method="trust-exact",
        options={"gtol": 1e-12},
    )
    np.testing.assert_allclose(x, res.x, rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(x, [1.0, 1.0], rtol=1e-10)


def test_newton_logsumexp_matches_scipy():
    rng = np.random.default_rng(5)
    A = rng.normal(size=(4, 3))
    params = {"A": A, "mu": 0.5}
    g, H = make_callback("logsumexp_grad", params), make_callback("logsumexp_hess", params)
    x = newton_minimize(g, H, rng.normal(size=3))

    def f(x):
        return scipy.special.logsumexp(A @ x) + 0.25 * x @ x

    res = scipy.optimize.minimize(f, np.zeros(3), jac=g, method="BFGS", options={"gtol": 1e-12})
    np.testing.assert_allclose(x, res.x, rtol=1e-6, atol=1e-8)
    assert np.linalg.norm(g(x)) < 1e-12

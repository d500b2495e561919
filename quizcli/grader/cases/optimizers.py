"""Grader cases and known mistakes: "Optimizers".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases aimed
at the classic bugs (zero state on the first step, tiny gradients where the
place of eps matters, t = 1 and t = 1000 for Adam, momentum 0, a step budget
too small to converge for Newton's method ...).
"""

from __future__ import annotations

import numpy as np

from reference_impls import optimizers as ref

from ..spec import Callback, Case, FunctionSpec, Mistake

# ---------------------------------------------------------------- helpers


def _f(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def _n(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> np.ndarray:
    return rng.normal(scale=scale, size=shape)


def _u(rng: np.random.Generator, *shape: int, high: float = 1.0) -> np.ndarray:
    return rng.uniform(0.0, high, size=shape)


def _spd(rng: np.random.Generator, n: int) -> np.ndarray:
    M = rng.normal(size=(n, n))
    return M @ M.T + 0.5 * np.eye(n)


def _quad(Q: np.ndarray, c: np.ndarray) -> Callback:
    return Callback("quadratic_grad", {"Q": Q, "c": c})


# ================================================================ momentum


def _momentum_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 3 weights, zero velocity", (_f(1, 2, 3), _f(0.5, -1, 2), np.zeros(3), 0.1)),
        Case("fixed nonzero velocity, momentum 0.5", (_f(1, -1), _f(1, 1), _f(0.5, -0.5), 0.1, 0.5)),
        Case("random (5,)", (_n(rng, 5), _n(rng, 5), _n(rng, 5, scale=0.1), 0.05)),
        Case(
            "random (2, 3), momentum 0.99",
            (_n(rng, 2, 3), _n(rng, 2, 3), _n(rng, 2, 3, scale=0.1), 0.01, 0.99),
        ),
        Case("random (4,), lr 0.3", (_n(rng, 4), _n(rng, 4), _n(rng, 4, scale=0.5), 0.3)),
        Case("momentum 0 is plain SGD", (_n(rng, 3), _n(rng, 3), _n(rng, 3), 0.1, 0.0)),
        Case("zero gradient: the velocity coasts", (_n(rng, 3), np.zeros(3), _f(0.2, -0.1, 0.05), 0.1)),
        Case("lr 1.0", (_n(rng, 2, 2), _n(rng, 2, 2), _n(rng, 2, 2, scale=0.1), 1.0, 0.8)),
        Case("single weight (1,)", (_f(3.0), _f(-2.0), _f(0.4), 0.02)),
    ]


def _momentum_torch_buffer(w, g, v, lr, momentum=0.9):
    w, g, v = (np.asarray(a, dtype=np.float64) for a in (w, g, v))
    buf = momentum * v + g
    return w - lr * buf, buf


def _momentum_ema(w, g, v, lr, momentum=0.9):
    w, g, v = (np.asarray(a, dtype=np.float64) for a in (w, g, v))
    v_new = momentum * v + (1 - momentum) * lr * g
    return w - v_new, v_new


def _momentum_stale(w, g, v, lr, momentum=0.9):
    w, g, v = (np.asarray(a, dtype=np.float64) for a in (w, g, v))
    return w - v, momentum * v + lr * g


# ================================================================ Nesterov


def _nesterov_cases(rng: np.random.Generator) -> list[Case]:
    Q1, c1 = np.diag([1.0, 2.0]), np.zeros(2)
    Q2, c2 = np.diag([2.0, 1.0]), _f(1.0, -1.0)
    cases = [
        Case("fixed diag(1, 2) quadratic", (_f(1, 1), _f(0.1, -0.1), _quad(Q1, c1), 0.1)),
        Case("fixed zero velocity, momentum 0.5", (_f(1, -2), np.zeros(2), _quad(Q2, c2), 0.1, 0.5)),
    ]
    for n, lr, mu in ((3, 0.05, 0.9), (4, 0.02, 0.8), (2, 0.1, 0.95)):
        Q, c = _spd(rng, n), _n(rng, n)
        cases.append(
            Case(
                f"random quadratic n={n}, momentum {mu}",
                (_n(rng, n), _n(rng, n, scale=0.3), _quad(Q, c), lr, mu),
            )
        )
    cases += [
        Case(
            "Rosenbrock gradient at (-1.2, 1)",
            (_f(-1.2, 1.0), _f(-0.01, 0.02), Callback("rosenbrock_grad", {}), 0.001),
        ),
        Case(
            "log-sum-exp objective",
            (
                _n(rng, 3),
                _n(rng, 3, scale=0.2),
                Callback("logsumexp_grad", {"A": _n(rng, 4, 3), "mu": 0.5}),
                0.1,
            ),
        ),
        Case("momentum 0 is gradient descent", (_n(rng, 2), _n(rng, 2), _quad(Q2, c2), 0.1, 0.0)),
        Case("large velocity", (_f(0.5, 0.5), _f(3.0, -4.0), _quad(Q1, c2), 0.05, 0.9)),
    ]
    return cases


def _nesterov_at_w(w, v, grad_fn, lr, momentum=0.9):
    w, v = np.asarray(w, dtype=np.float64), np.asarray(v, dtype=np.float64)
    v_new = momentum * v + lr * np.asarray(grad_fn(w), dtype=np.float64)
    return w - v_new, v_new


def _nesterov_plus_lookahead(w, v, grad_fn, lr, momentum=0.9):
    w, v = np.asarray(w, dtype=np.float64), np.asarray(v, dtype=np.float64)
    v_new = momentum * v + lr * np.asarray(grad_fn(w + momentum * v), dtype=np.float64)
    return w - v_new, v_new


def _nesterov_reformulated(w, v, grad_fn, lr, momentum=0.9):
    """The Bengio et al. (2013) rewrite, meant for the shifted variable, applied to w itself."""
    w, v = np.asarray(w, dtype=np.float64), np.asarray(v, dtype=np.float64)
    v_new = momentum * v + lr * np.asarray(grad_fn(w), dtype=np.float64)
    return w + momentum * v - (1 + momentum) * v_new, v_new


# ================================================================ AdaGrad


def _adagrad_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed first step from G = 0", (_f(1, 2), _f(0.5, -1), np.zeros(2))),
        Case("fixed G = (1, 3), lr 0.1", (_f(1, 2), _f(1, 1), _f(1, 3), 0.1)),
        Case("random (5,)", (_n(rng, 5), _n(rng, 5), _u(rng, 5, high=3.0), 0.1)),
        Case("random (2, 3)", (_n(rng, 2, 3), _n(rng, 2, 3), _u(rng, 2, 3), 0.05)),
        Case("random (4,), defaults", (_n(rng, 4), _n(rng, 4), _u(rng, 4, high=10.0))),
        Case("zero gradient entries", (_n(rng, 3), _f(0.0, 1.0, 0.0), _f(0.0, 2.0, 5.0), 0.1)),
        Case("tiny gradients 1e-6: eps outside the root", (_n(rng, 3), _f(1e-6, -2e-6, 5e-7), np.zeros(3), 0.1)),
        Case("large accumulated G = 1e6", (_n(rng, 3), _n(rng, 3), np.full(3, 1e6), 0.5)),
        Case("eps 1e-3", (_n(rng, 2), _n(rng, 2, scale=0.01), np.zeros(2), 0.1, 1e-3)),
    ]


def _adagrad_eps_inside(w, g, G, lr=0.01, eps=1e-8):
    w, g, G = (np.asarray(a, dtype=np.float64) for a in (w, g, G))
    G_new = G + g**2
    return w - lr * g / np.sqrt(G_new + eps), G_new


def _adagrad_stale(w, g, G, lr=0.01, eps=1e-8):
    w, g, G = (np.asarray(a, dtype=np.float64) for a in (w, g, G))
    return w - lr * g / (np.sqrt(G) + eps), G + g**2


def _adagrad_no_sqrt(w, g, G, lr=0.01, eps=1e-8):
    w, g, G = (np.asarray(a, dtype=np.float64) for a in (w, g, G))
    G_new = G + g**2
    return w - lr * g / (G_new + eps), G_new


# ================================================================ RMSProp


def _rmsprop_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed first step from s = 0", (_f(1, 2), _f(0.5, -1), np.zeros(2))),
        Case("fixed s = (1, 4), lr 0.1, rho 0.5", (_f(1, 2), _f(1, -2), _f(1, 4), 0.1, 0.5)),
        Case("random (5,)", (_n(rng, 5), _n(rng, 5), _u(rng, 5), 0.01)),
        Case("random (2, 3), rho 0.99", (_n(rng, 2, 3), _n(rng, 2, 3), _u(rng, 2, 3), 0.01, 0.99)),
        Case("random (4,), defaults", (_n(rng, 4), _n(rng, 4), _u(rng, 4, high=0.1))),
        Case("zero gradient entries", (_n(rng, 3), _f(0.0, 1.0, 0.0), _f(0.0, 0.5, 2.0), 0.1)),
        Case("tiny gradients 1e-6: eps outside the root", (_n(rng, 3), _f(1e-6, -3e-6, 2e-6), np.zeros(3), 0.1)),
        Case("rho 0: s is the last g**2", (_n(rng, 3), _n(rng, 3), _u(rng, 3), 0.01, 0.0)),
    ]


def _rmsprop_eps_inside(w, g, s, lr=0.001, rho=0.9, eps=1e-8):
    w, g, s = (np.asarray(a, dtype=np.float64) for a in (w, g, s))
    s_new = rho * s + (1 - rho) * g**2
    return w - lr * g / np.sqrt(s_new + eps), s_new


def _rmsprop_no_one_minus_rho(w, g, s, lr=0.001, rho=0.9, eps=1e-8):
    w, g, s = (np.asarray(a, dtype=np.float64) for a in (w, g, s))
    s_new = rho * s + g**2
    return w - lr * g / (np.sqrt(s_new) + eps), s_new


def _rmsprop_swapped_rho(w, g, s, lr=0.001, rho=0.9, eps=1e-8):
    w, g, s = (np.asarray(a, dtype=np.float64) for a in (w, g, s))
    s_new = (1 - rho) * s + rho * g**2
    return w - lr * g / (np.sqrt(s_new) + eps), s_new


# ================================================================ AdaDelta


def _adadelta_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed first step from zero state", (_f(1, 2), _f(0.5, -1), np.zeros(2), np.zeros(2))),
        Case("fixed state, rho 0.5", (_f(1, 2), _f(1, -1), _f(1, 0.5), _f(0.01, 0.04), 0.5)),
        Case("random (5,)", (_n(rng, 5), _n(rng, 5), _u(rng, 5), _u(rng, 5, high=0.01))),
        Case(
            "random (2, 3), rho 0.95",
            (_n(rng, 2, 3), _n(rng, 2, 3), _u(rng, 2, 3), _u(rng, 2, 3, high=0.1), 0.95),
        ),
        Case("random (4,), eps 1e-4", (_n(rng, 4), _n(rng, 4), _u(rng, 4), _u(rng, 4, high=0.01), 0.9, 1e-4)),
        Case("zero gradient entries", (_n(rng, 3), _f(0.0, 1.0, 0.0), _f(0.5, 0.5, 0.5), _f(0.1, 0.1, 0.1))),
        Case("random (3,) from zero state", (_n(rng, 3), _n(rng, 3), np.zeros(3), np.zeros(3))),
        Case("large gradients 1e3", (_n(rng, 3), _n(rng, 3, scale=1e3), _u(rng, 3), _u(rng, 3, high=1e-3))),
    ]


def _adadelta_no_eps_numerator(w, g, Eg2, Edx2, rho=0.9, eps=1e-6):
    w, g, Eg2, Edx2 = (np.asarray(a, dtype=np.float64) for a in (w, g, Eg2, Edx2))
    Eg2_new = rho * Eg2 + (1 - rho) * g**2
    dx = -np.sqrt(Edx2) / np.sqrt(Eg2_new + eps) * g
    return w + dx, Eg2_new, rho * Edx2 + (1 - rho) * dx**2


def _adadelta_stale_eg2(w, g, Eg2, Edx2, rho=0.9, eps=1e-6):
    w, g, Eg2, Edx2 = (np.asarray(a, dtype=np.float64) for a in (w, g, Eg2, Edx2))
    dx = -np.sqrt(Edx2 + eps) / np.sqrt(Eg2 + eps) * g
    return w + dx, rho * Eg2 + (1 - rho) * g**2, rho * Edx2 + (1 - rho) * dx**2


def _adadelta_double_negative(w, g, Eg2, Edx2, rho=0.9, eps=1e-6):
    w, g, Eg2, Edx2 = (np.asarray(a, dtype=np.float64) for a in (w, g, Eg2, Edx2))
    Eg2_new = rho * Eg2 + (1 - rho) * g**2
    dx = -np.sqrt(Edx2 + eps) / np.sqrt(Eg2_new + eps) * g
    return w - dx, Eg2_new, rho * Edx2 + (1 - rho) * dx**2


# ================================================================ Adam


def _adam_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed t = 1 from zero moments", (_f(1, 2), _f(0.5, -1), np.zeros(2), np.zeros(2), 1)),
        Case(
            "fixed t = 2, lr 0.1",
            (_f(1, 2), _f(1, -1), _f(0.1, -0.1), _f(0.001, 0.001), 2, 0.1),
        ),
        Case("random (5,), t = 3", (_n(rng, 5), _n(rng, 5), _n(rng, 5, scale=0.1), _u(rng, 5, high=0.01), 3)),
        Case(
            "random (2, 3), t = 10, betas (0.8, 0.99)",
            (
                _n(rng, 2, 3),
                _n(rng, 2, 3),
                _n(rng, 2, 3, scale=0.1),
                _u(rng, 2, 3, high=0.05),
                10,
                0.01,
                0.8,
                0.99,
            ),
        ),
        Case("random (4,), t = 1", (_n(rng, 4), _n(rng, 4), np.zeros(4), np.zeros(4), 1, 0.01)),
        Case("t = 1000", (_n(rng, 4), _n(rng, 4), _n(rng, 4, scale=0.1), _u(rng, 4, high=0.5), 1000, 0.01)),
        Case(
            "t = 100000: bias correction ~ 1",
            (_n(rng, 3), _n(rng, 3), _n(rng, 3, scale=0.1), _u(rng, 3), 100000),
        ),
        Case(
            "zero gradient, nonzero moments",
            (_n(rng, 3), np.zeros(3), _n(rng, 3, scale=0.1), _u(rng, 3), 5, 0.01),
        ),
        Case(
            "tiny gradients 1e-9: eps outside the root",
            (_n(rng, 3), _f(1e-9, -2e-9, 3e-9), np.zeros(3), np.zeros(3), 1),
        ),
    ]


def _adam_no_bias_correction(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    w, g, m, v = (np.asarray(a, dtype=np.float64) for a in (w, g, m, v))
    m_new = beta1 * m + (1 - beta1) * g
    v_new = beta2 * v + (1 - beta2) * g**2
    return w - lr * m_new / (np.sqrt(v_new) + eps), m_new, v_new


def _adam_zero_based_t(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    return ref.adam_step(w, g, m, v, t + 1, lr, beta1, beta2, eps)


def _adam_corrected_state(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    w, g, m, v = (np.asarray(a, dtype=np.float64) for a in (w, g, m, v))
    m_hat = (beta1 * m + (1 - beta1) * g) / (1 - beta1**t)
    v_hat = (beta2 * v + (1 - beta2) * g**2) / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m_hat, v_hat


def _adam_eps_inside(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    w, g, m, v = (np.asarray(a, dtype=np.float64) for a in (w, g, m, v))
    m_new = beta1 * m + (1 - beta1) * g
    v_new = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m_new / (1 - beta1**t), v_new / (1 - beta2**t)
    return w - lr * m_hat / np.sqrt(v_hat + eps), m_new, v_new


# ================================================================ Newton


def _newton_cases(rng: np.random.Generator) -> list[Case]:
    def quad(Q, c):
        return Callback("quadratic_grad", {"Q": Q, "c": c}), Callback("quadratic_hess", {"Q": Q})

    rosen = (Callback("rosenbrock_grad", {}), Callback("rosenbrock_hess", {}))
    Q1, c1 = np.diag([2.0, 4.0]), _f(-2.0, 4.0)
    cases = [
        Case("fixed diag(2, 4) quadratic from the origin", (*quad(Q1, c1), np.zeros(2))),
        Case(
            "fixed quadratic, n_iter = 1",
            (*quad(np.array([[2.0, 1.0], [1.0, 2.0]]), _f(1.0, -1.0)), _f(3, 3), 1),
        ),
    ]
    for n in (3, 4):
        Q, c = _spd(rng, n), _n(rng, n)
        cases.append(Case(f"random quadratic n={n}", (*quad(Q, c), _n(rng, n, scale=3.0))))
    for i, n_iter in enumerate((20, 2)):
        # scales chosen so that pure Newton converges from the start (checked in the tests)
        params = {"A": _n(rng, 5, 3, scale=0.7), "mu": 1.0}
        grad, hess = Callback("logsumexp_grad", params), Callback("logsumexp_hess", params)
        x0 = _n(rng, 3, scale=0.5)
        cases.append(Case(f"log-sum-exp objective {i + 1}, n_iter = {n_iter}", (grad, hess, x0, n_iter)))
    cases += [
        Case("Rosenbrock from (-1.2, 1), defaults", (*rosen, _f(-1.2, 1.0))),
        Case("Rosenbrock, n_iter = 3 (not converged yet)", (*rosen, _f(-1.2, 1.0), 3)),
        Case("Rosenbrock from (2, 2), n_iter = 5", (*rosen, _f(2.0, 2.0), 5)),
        Case("start at the minimum", (*quad(Q1, c1), _f(1.0, -1.0))),
        Case("one variable", (*quad(np.array([[0.5]]), _f(2.0)), _f(10.0))),
    ]
    return cases


def _newton_gradient_step(grad_fn, hess_fn, x0, n_iter=20):
    x = np.array(x0, dtype=np.float64)
    for _ in range(n_iter):
        step = np.asarray(grad_fn(x), dtype=np.float64)
        x = x - step
        if np.linalg.norm(step) < 1e-12:
            break
    return x


def _newton_hessian_times_gradient(grad_fn, hess_fn, x0, n_iter=20):
    x = np.array(x0, dtype=np.float64)
    for _ in range(n_iter):
        step = np.asarray(hess_fn(x), dtype=np.float64) @ np.asarray(grad_fn(x), dtype=np.float64)
        x = x - step
        if not np.all(np.isfinite(x)) or np.linalg.norm(step) < 1e-12:
            break
    return x


def _newton_one_fewer(grad_fn, hess_fn, x0, n_iter=20):
    return ref.newton_minimize(grad_fn, hess_fn, x0, n_iter - 1)


# ================================================================ specs

_EPS_EN = "eps belongs outside the square root: divide by sqrt({s}) + eps, as in the paper and torch.optim."
_EPS_ZH = "eps 应该加在平方根外面:除以 sqrt({s}) + eps,论文和 torch.optim 都是这样写的。"

SPECS: list[FunctionSpec] = [
    FunctionSpec(
        function="momentum_step",
        reference=ref.momentum_step,
        cases=_momentum_cases,
        mistakes=(
            Mistake(
                "pytorch-buffer",
                _momentum_torch_buffer,
                "You used PyTorch's buffer form (buf = momentum*buf + g; w -= lr*buf). This question keeps the "
                "velocity with lr inside it: v' = momentum*v + lr*g and w' = w - v' (so v = lr * buf).",
                "你用的是 PyTorch 的 buffer 写法(buf = momentum*buf + g,再 w -= lr*buf)。本题的速度 v 已经把学习率乘进"
                "去了:v' = momentum*v + lr*g,w' = w - v'(两者关系是 v = lr * buf)。",
            ),
            Mistake(
                "ema-velocity",
                _momentum_ema,
                "You damped the gradient by (1 - momentum), as in an exponential moving average. Classic momentum adds "
                "the full lr*g: v' = momentum*v + lr*g.",
                "你给梯度乘了 (1 - momentum),写成了指数滑动平均 (EMA)。经典动量法直接累加 lr*g:v' = momentum*v + "
                "lr*g。",
            ),
            Mistake(
                "stale-velocity",
                _momentum_stale,
                "The weights moved with the old velocity. Update v first, then step with the new one: w' = w - v'.",
                "你用旧的速度更新了参数。应先算出新的 v',再用它更新:w' = w - v'。",
            ),
        ),
    ),
    FunctionSpec(
        function="nesterov_step",
        reference=ref.nesterov_step,
        cases=_nesterov_cases,
        mistakes=(
            Mistake(
                "gradient-at-w",
                _nesterov_at_w,
                "You took the gradient at w, which is plain momentum. Nesterov evaluates it at the look-ahead point: "
                "grad_fn(w - momentum*v).",
                "你在 w 处求梯度,这就退化成普通动量法了。Nesterov 要在“往前看一步”的位置求梯度:grad_fn(w - "
                "momentum*v)。",
            ),
            Mistake(
                "lookahead-sign",
                _nesterov_plus_lookahead,
                "The look-ahead went the wrong way. Since w' = w - v', the weights are heading to w - momentum*v, so "
                "the gradient is taken there, not at w + momentum*v.",
                "“往前看”的方向反了。更新是 w' = w - v',参数正朝 w - momentum*v 走,所以应在那里求梯度,而不是 w + "
                "momentum*v。",
            ),
            Mistake(
                "reformulated-update",
                _nesterov_reformulated,
                "You applied the reformulated update (w += momentum*v - (1 + momentum)*v'), which is meant for the "
                "shifted variable and takes the gradient at the stored point. Here w is the real parameter: take the "
                "gradient at w - momentum*v and set w' = w - v'.",
                "你套用了 Nesterov 的改写形式(w += momentum*v - (1 + momentum)*v'),那个公式针对的是平移后的变量,梯度取"
                "在存储的点上。本题的 w 是原始参数:在 w - momentum*v 处求梯度,然后 w' = w - v'。",
            ),
        ),
    ),
    FunctionSpec(
        function="adagrad_step",
        reference=ref.adagrad_step,
        cases=_adagrad_cases,
        mistakes=(
            Mistake("eps-inside-sqrt", _adagrad_eps_inside, _EPS_EN.format(s="G'"), _EPS_ZH.format(s="G'")),
            Mistake(
                "stale-accumulator",
                _adagrad_stale,
                "You divided by the old accumulator. Add g**2 to G first and use the new G' in the denominator.",
                "你用旧的累积量 G 做了分母。应先 G' = G + g**2,再用新的 G' 计算步长。",
            ),
            Mistake(
                "no-sqrt",
                _adagrad_no_sqrt,
                "The square root is missing: AdaGrad divides by sqrt(G') + eps, the root of the summed squares.",
                "漏了平方根:AdaGrad 的分母是 sqrt(G') + eps,即梯度平方和开根号。",
            ),
        ),
    ),
    FunctionSpec(
        function="rmsprop_step",
        reference=ref.rmsprop_step,
        cases=_rmsprop_cases,
        mistakes=(
            Mistake("eps-inside-sqrt", _rmsprop_eps_inside, _EPS_EN.format(s="s'"), _EPS_ZH.format(s="s'")),
            Mistake(
                "no-one-minus-rho",
                _rmsprop_no_one_minus_rho,
                "The new g**2 is added at full weight. RMSProp keeps a moving average: s' = rho*s + (1 - rho)*g**2.",
                "新的 g**2 没有乘 (1 - rho)。RMSProp 维护的是滑动平均:s' = rho*s + (1 - rho)*g**2。",
            ),
            Mistake(
                "swapped-rho",
                _rmsprop_swapped_rho,
                "rho and 1 - rho are swapped. rho is the weight of the history: s' = rho*s + (1 - rho)*g**2.",
                "rho 和 1 - rho 放反了。rho 是历史项的权重:s' = rho*s + (1 - rho)*g**2。",
            ),
        ),
    ),
    FunctionSpec(
        function="adadelta_step",
        reference=ref.adadelta_step,
        cases=_adadelta_cases,
        mistakes=(
            Mistake(
                "no-eps-numerator",
                _adadelta_no_eps_numerator,
                "The numerator lacks eps: with sqrt(Edx2) the first step from Edx2 = 0 never moves. Use sqrt(Edx2 + "
                "eps) / sqrt(Eg2' + eps).",
                "分子漏了 eps:用 sqrt(Edx2) 的话,从 Edx2 = 0 开始第一步根本不动。应为 sqrt(Edx2 + eps) / sqrt(Eg2' + "
                "eps)。",
            ),
            Mistake(
                "stale-eg2",
                _adadelta_stale_eg2,
                "The denominator used the old Eg2. Update Eg2' = rho*Eg2 + (1 - rho)*g**2 first, then divide by "
                "sqrt(Eg2' + eps); only the numerator uses the previous Edx2.",
                "分母用了旧的 Eg2。应先更新 Eg2' = rho*Eg2 + (1 - rho)*g**2,再除以 sqrt(Eg2' + eps);只有分子用上一步的 "
                "Edx2。",
            ),
            Mistake(
                "double-negative",
                _adadelta_double_negative,
                "dx already carries the minus sign (dx = -...*g), so the update is w + dx; subtracting it climbs the "
                "loss.",
                "dx 本身已经带了负号(dx = -...*g),所以更新是 w + dx;再减一次就变成往上坡走了。",
            ),
        ),
    ),
    FunctionSpec(
        function="adam_step",
        reference=ref.adam_step,
        cases=_adam_cases,
        mistakes=(
            Mistake(
                "no-bias-correction",
                _adam_no_bias_correction,
                "Bias correction is missing. Divide m' by 1 - beta1**t and v' by 1 - beta2**t before the update; "
                "without it the first steps are badly scaled.",
                "漏了偏差修正 (bias correction)。更新前要把 m' 除以 1 - beta1**t、v' 除以 1 - beta2**t,否则前几步的步长"
                "会严重失准。",
            ),
            Mistake(
                "zero-based-t",
                _adam_zero_based_t,
                "Your bias correction is off by one step: t is already 1-based, so use 1 - beta**t, not 1 - beta**(t + "
                "1).",
                "偏差修正差了一步:这里的 t 已经从 1 开始计数,应该用 1 - beta**t,而不是 1 - beta**(t + 1)。",
            ),
            Mistake(
                "corrected-state",
                _adam_corrected_state,
                "You returned the bias-corrected moments as the state. Store the raw m' and v'; m_hat and v_hat are "
                "recomputed at every step.",
                "你把修正后的 m_hat、v_hat 当作状态返回了。状态应保存未修正的 m' 和 v',修正量每一步现算。",
            ),
            Mistake("eps-inside-sqrt", _adam_eps_inside, _EPS_EN.format(s="v_hat"), _EPS_ZH.format(s="v_hat")),
        ),
    ),
    FunctionSpec(
        function="newton_minimize",
        reference=ref.newton_minimize,
        cases=_newton_cases,
        mistakes=(
            Mistake(
                "gradient-step",
                _newton_gradient_step,
                "You stepped along the raw gradient. Newton's step solves H(x) p = grad(x) and sets x = x - p.",
                "你直接沿梯度走了一步。牛顿法要先解线性方程组 H(x) p = grad(x),再令 x = x - p。",
            ),
            Mistake(
                "hessian-times-gradient",
                _newton_hessian_times_gradient,
                "You multiplied by the Hessian instead of its inverse. Solve H p = g (np.linalg.solve) and subtract p.",
                "你乘的是 Hessian 本身而不是它的逆。应解 H p = g(用 np.linalg.solve),再减去 p。",
            ),
            Mistake(
                "one-fewer-iteration",
                _newton_one_fewer,
                "You ran one iteration fewer than n_iter. Do exactly n_iter Newton steps unless a step's norm falls "
                "below 1e-12 first.",
                "你少迭代了一次。除非某一步的范数先小于 1e-12,否则要恰好做 n_iter 次牛顿迭代。",
            ),
        ),
    ),
]

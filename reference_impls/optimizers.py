"""Reference solutions: optimizer update rules (one step each) and Newton's method.

Every step function takes the parameters ``w`` and the optimizer state as arrays
of one shape (any shape, float64) and returns *new* arrays, in the order the
catalogue writes them: ``(w', state'...)``. The state returned is the raw state
(Adam's ``m'`` and ``v'`` are not bias-corrected).

Conventions (classic "velocity" form, as in CS231n / Sutskever et al. 2013):

* ``momentum_step`` keeps ``v = lr * buf`` where ``buf`` is PyTorch's
  ``momentum_buffer``; PyTorch's SGD updates ``buf`` without ``lr`` and applies
  ``lr`` afterwards. The two agree after one step for the same inputs.
* ``nesterov_step`` evaluates the gradient at the look-ahead point
  ``w - momentum * v``; PyTorch's ``nesterov=True`` stores that look-ahead point
  as its parameter instead of ``w``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = [
    "momentum_step",
    "nesterov_step",
    "adagrad_step",
    "rmsprop_step",
    "adadelta_step",
    "adam_step",
    "newton_minimize",
]


def _f64(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


def momentum_step(w, g, v, lr, momentum=0.9):
    """SGD with momentum, velocity form.

    w, g, v: arrays of one shape. ``v' = momentum * v + lr * g``, ``w' = w - v'``.
    Returns ``(w', v')``.
    """
    w, g, v = _f64(w), _f64(g), _f64(v)
    v_new = momentum * v + lr * g
    return w - v_new, v_new


def nesterov_step(w, v, grad_fn: Callable[[np.ndarray], np.ndarray], lr, momentum=0.9):
    """Nesterov accelerated gradient, velocity form.

    w, v: arrays of one shape; ``grad_fn(x)`` returns the gradient at ``x`` (same shape).
    The gradient is taken at the look-ahead point ``w - momentum * v``:
    ``v' = momentum * v + lr * grad_fn(w - momentum * v)``, ``w' = w - v'``.
    Returns ``(w', v')``.
    """
    w, v = _f64(w), _f64(v)
    g = _f64(grad_fn(w - momentum * v))
    v_new = momentum * v + lr * g
    return w - v_new, v_new


def adagrad_step(w, g, G, lr=0.01, eps=1e-8):
    """AdaGrad: ``G' = G + g**2``, ``w' = w - lr * g / (sqrt(G') + eps)`` (eps outside the root).

    w, g, G: arrays of one shape. Returns ``(w', G')``.
    """
    w, g, G = _f64(w), _f64(g), _f64(G)
    G_new = G + g * g
    return w - lr * g / (np.sqrt(G_new) + eps), G_new


def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-8):
    """RMSProp: ``s' = rho * s + (1 - rho) * g**2``, ``w' = w - lr * g / (sqrt(s') + eps)``.

    w, g, s: arrays of one shape; eps outside the root (as in torch.optim.RMSprop).
    Returns ``(w', s')``.
    """
    w, g, s = _f64(w), _f64(g), _f64(s)
    s_new = rho * s + (1.0 - rho) * g * g
    return w - lr * g / (np.sqrt(s_new) + eps), s_new


def adadelta_step(w, g, Eg2, Edx2, rho=0.9, eps=1e-6):
    """AdaDelta (Zeiler 2012), no learning rate.

    w, g, Eg2, Edx2: arrays of one shape.
    ``Eg2' = rho * Eg2 + (1 - rho) * g**2``;
    ``dx = -sqrt(Edx2 + eps) / sqrt(Eg2' + eps) * g`` (old Edx2, new Eg2, eps inside both roots);
    ``Edx2' = rho * Edx2 + (1 - rho) * dx**2``.
    Returns ``(w + dx, Eg2', Edx2')``.
    """
    w, g, Eg2, Edx2 = _f64(w), _f64(g), _f64(Eg2), _f64(Edx2)
    Eg2_new = rho * Eg2 + (1.0 - rho) * g * g
    dx = -np.sqrt(Edx2 + eps) / np.sqrt(Eg2_new + eps) * g
    Edx2_new = rho * Edx2 + (1.0 - rho) * dx * dx
    return w + dx, Eg2_new, Edx2_new


def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam (Kingma & Ba 2015) with bias correction; ``t`` is the 1-based step number.

    w, g, m, v: arrays of one shape.
    ``m' = beta1 * m + (1 - beta1) * g``, ``v' = beta2 * v + (1 - beta2) * g**2``,
    ``m_hat = m' / (1 - beta1**t)``, ``v_hat = v' / (1 - beta2**t)``,
    ``w' = w - lr * m_hat / (sqrt(v_hat) + eps)``.
    Returns ``(w', m', v')`` with the raw (uncorrected) moments.
    """
    w, g, m, v = _f64(w), _f64(g), _f64(m), _f64(v)
    m_new = beta1 * m + (1.0 - beta1) * g
    v_new = beta2 * v + (1.0 - beta2) * g * g
    m_hat = m_new / (1.0 - beta1**t)
    v_hat = v_new / (1.0 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new


def newton_minimize(grad_fn, hess_fn, x0, n_iter=20):
    """Newton's method for minimizing a smooth function.

    x0: (n,). ``grad_fn(x)`` -> (n,), ``hess_fn(x)`` -> (n, n).
    Each iteration solves ``H(x) p = g(x)`` (no explicit inverse) and sets ``x = x - p``;
    it stops after ``n_iter`` iterations, or right after a step whose Euclidean norm
    is below 1e-12. Returns x, (n,) float64.
    """
    x = _f64(x0).copy()
    for _ in range(n_iter):
        step = np.linalg.solve(_f64(hess_fn(x)), _f64(grad_fn(x)))
        x = x - step
        if np.linalg.norm(step) < 1e-12:
            break
    return x

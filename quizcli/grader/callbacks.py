"""Callable arguments for code questions (``grad_fn``, ``hess_fn`` ...).

This module is self-contained (NumPy only): the sandboxed child loads it by
path to build the callables the learner's function receives, and the parent
uses the same definitions for the reference and the known mistakes, so both
sides call exactly the same functions.

Each entry maps a name to a factory ``params -> callable``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def _quadratic_grad(p: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    Q = np.asarray(p["Q"], dtype=np.float64)
    c = np.asarray(p["c"], dtype=np.float64)
    return lambda x: Q @ np.asarray(x, dtype=np.float64) + c


def _quadratic_hess(p: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    Q = np.asarray(p["Q"], dtype=np.float64)
    return lambda x: Q.copy()


def _rosenbrock_grad(p: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    a = float(p.get("a", 1.0))
    b = float(p.get("b", 100.0))

    def grad(x: np.ndarray) -> np.ndarray:
        x0, x1 = float(x[0]), float(x[1])
        return np.array([-2 * (a - x0) - 4 * b * x0 * (x1 - x0**2), 2 * b * (x1 - x0**2)])

    return grad


def _rosenbrock_hess(p: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    b = float(p.get("b", 100.0))

    def hess(x: np.ndarray) -> np.ndarray:
        x0, x1 = float(x[0]), float(x[1])
        return np.array([[2 - 4 * b * (x1 - 3 * x0**2), -4 * b * x0], [-4 * b * x0, 2 * b]])

    return hess


def _logsumexp_grad(p: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    """f(x) = log(sum(exp(A x))) + 0.5 * mu * |x|^2 (smooth, strictly convex)."""
    A = np.asarray(p["A"], dtype=np.float64)
    mu = float(p.get("mu", 1.0))

    def grad(x: np.ndarray) -> np.ndarray:
        z = A @ x
        s = np.exp(z - z.max())
        s /= s.sum()
        return A.T @ s + mu * x

    return grad


def _logsumexp_hess(p: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    A = np.asarray(p["A"], dtype=np.float64)
    mu = float(p.get("mu", 1.0))

    def hess(x: np.ndarray) -> np.ndarray:
        z = A @ x
        s = np.exp(z - z.max())
        s /= s.sum()
        return A.T @ (np.diag(s) - np.outer(s, s)) @ A + mu * np.eye(A.shape[1])

    return hess


CALLBACKS: dict[str, Callable[[dict[str, Any]], Callable[..., Any]]] = {
    "quadratic_grad": _quadratic_grad,
    "quadratic_hess": _quadratic_hess,
    "rosenbrock_grad": _rosenbrock_grad,
    "rosenbrock_hess": _rosenbrock_hess,
    "logsumexp_grad": _logsumexp_grad,
    "logsumexp_hess": _logsumexp_hess,
}


def make_callback(name: str, params: dict[str, Any]) -> Callable[..., Any]:
    return CALLBACKS[name](params)

"""Regularization and training helpers (catalogue section "Regularization and training").

NumPy only, float64 results; scalar results are Python floats.
"""

from __future__ import annotations

import math

import numpy as np


def dropout(x, p, u, training=True):
    """Inverted dropout with the random draws given.

    x: array; p: drop probability in [0, 1]; u: array of x's shape, uniform in
    [0, 1). In training, an element is KEPT where ``u >= p`` and kept values
    are scaled by ``1 / (1 - p)`` (so nothing changes at test time); p == 1
    gives zeros. With training=False, x is returned unchanged (as float64).
    """
    x = np.asarray(x, dtype=np.float64)
    if not training:
        return x.copy()
    if p >= 1.0:
        return np.zeros_like(x)
    keep = np.asarray(u) >= p
    return np.where(keep, x / (1.0 - p), 0.0)


def clip_grad_norm(grads, max_norm):
    """Clip a list of gradients by their global L2 norm.

    grads: list of arrays (any shapes). norm = sqrt(sum over all arrays of
    sum(g**2)). If norm > max_norm, every array is multiplied by
    ``max_norm / norm``; otherwise they are returned unchanged. Returns
    (list of float64 arrays of the same shapes, norm before clipping as a float).
    """
    gs = [np.asarray(g, dtype=np.float64) for g in grads]
    norm = math.sqrt(sum(float(np.sum(g * g)) for g in gs))
    if norm > max_norm:
        scale = max_norm / norm
        return [g * scale for g in gs], norm
    return [g.copy() for g in gs], norm


def xavier_uniform_bound(fan_in, fan_out):
    """Bound a of U(-a, a) in Glorot/Xavier uniform init (gain 1).

    Var(U(-a, a)) = a**2 / 3 must equal 2 / (fan_in + fan_out), so
    ``a = sqrt(6 / (fan_in + fan_out))``. Returns a Python float.
    """
    return math.sqrt(6.0 / (fan_in + fan_out))


def he_normal_std(fan_in):
    """Standard deviation of He/Kaiming normal init for ReLU (fan_in mode).

    ``sqrt(2 / fan_in)``: ReLU zeroes half the signal, the factor 2 keeps the
    forward variance constant. Returns a Python float.
    """
    return math.sqrt(2.0 / fan_in)

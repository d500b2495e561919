"""Normalization layers (catalogue section "Normalization").

NumPy only, float64. Every training-mode layer normalizes with the biased
(population, ddof=0) variance: ``(x - mean) / sqrt(var + eps)``.
"""

from __future__ import annotations

import numpy as np


def _normalize(x, axes, eps):
    mean = np.mean(x, axis=axes, keepdims=True)
    var = np.mean((x - mean) ** 2, axis=axes, keepdims=True)  # biased variance
    return (x - mean) / np.sqrt(var + eps)


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    """Batch normalization, training mode.

    x: (N, D); gamma, beta: (D,). Statistics per feature over the batch
    (axis 0), biased variance. Returns out (N, D) =
    ``gamma * (x - mean) / sqrt(var + eps) + beta``.
    """
    x = np.asarray(x, dtype=np.float64)
    return np.asarray(gamma, dtype=np.float64) * _normalize(x, 0, eps) + np.asarray(beta, dtype=np.float64)


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    """Gradients of ``batchnorm_forward`` (training mode, biased variance).

    dout, x: (N, D); gamma: (D,). Returns (dx (N, D), dgamma (D,), dbeta (D,)).
    The batch mean and variance depend on x, so
    ``dx = (1/N) / sqrt(var + eps) * (N*dxhat - sum(dxhat) - xhat*sum(dxhat*xhat))``
    with ``dxhat = dout * gamma`` and sums over the batch axis.
    """
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    gamma = np.asarray(gamma, dtype=np.float64)
    n = x.shape[0]
    mean = x.mean(axis=0)
    var = ((x - mean) ** 2).mean(axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    xhat = (x - mean) * inv_std
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dx = inv_std / n * (n * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0))
    return dx, dgamma, dbeta


def batchnorm2d_forward(x, gamma, beta, eps=1e-5):
    """Spatial batch normalization, training mode.

    x: (N, C, H, W); gamma, beta: (C,). Statistics per channel over N, H and W
    (biased variance). Returns (N, C, H, W).
    """
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(gamma, dtype=np.float64).reshape(1, -1, 1, 1)
    b = np.asarray(beta, dtype=np.float64).reshape(1, -1, 1, 1)
    return g * _normalize(x, (0, 2, 3), eps) + b


def batchnorm_eval(x, running_mean, running_var, gamma, beta, eps=1e-5):
    """Batch normalization, inference mode.

    x: (N, D); running_mean, running_var, gamma, beta: (D,). Uses the running
    statistics only (never the batch's): ``gamma * (x - rm) / sqrt(rv + eps) + beta``.
    """
    x = np.asarray(x, dtype=np.float64)
    rm = np.asarray(running_mean, dtype=np.float64)
    rv = np.asarray(running_var, dtype=np.float64)
    return np.asarray(gamma, dtype=np.float64) * (x - rm) / np.sqrt(rv + eps) + np.asarray(
        beta, dtype=np.float64
    )


def update_running_stats(running_mean, running_var, x, momentum=0.1):
    """One update of BatchNorm's running statistics, PyTorch convention.

    running_mean, running_var: (D,); x: (N, D) with N >= 2. Returns
    (new_mean (D,), new_var (D,)) with ``new = (1 - momentum)*old + momentum*batch``,
    where the batch variance is the UNBIASED one (ddof=1), as in torch's
    BatchNorm (Keras writes the same update with momentum and 1 - momentum swapped).
    """
    x = np.asarray(x, dtype=np.float64)
    batch_mean = x.mean(axis=0)
    batch_var = x.var(axis=0, ddof=1)
    new_mean = (1.0 - momentum) * np.asarray(running_mean, dtype=np.float64) + momentum * batch_mean
    new_var = (1.0 - momentum) * np.asarray(running_var, dtype=np.float64) + momentum * batch_var
    return new_mean, new_var


def layer_norm(x, eps=1e-5):
    """Layer normalization without affine parameters.

    x: (N, ...) with at least 2 dimensions. Each sample x[n] is normalized over
    all its axes (all but axis 0), biased variance. Returns x's shape.
    """
    x = np.asarray(x, dtype=np.float64)
    return _normalize(x, tuple(range(1, x.ndim)), eps)


def instance_norm(x, eps=1e-5):
    """Instance normalization without affine parameters.

    x: (N, C, H, W). Each (n, c) map is normalized over H and W (biased
    variance). Returns (N, C, H, W).
    """
    x = np.asarray(x, dtype=np.float64)
    return _normalize(x, (2, 3), eps)


def group_norm(x, num_groups, eps=1e-5):
    """Group normalization without affine parameters.

    x: (N, C, H, W); num_groups divides C. Channels are split into
    ``num_groups`` CONTIGUOUS groups of C // num_groups channels (group g holds
    channels g*C/G ... (g+1)*C/G - 1); each (n, group) is normalized over its
    channels, H and W (biased variance). Returns (N, C, H, W).
    """
    x = np.asarray(x, dtype=np.float64)
    n, c, h, w = x.shape
    xg = x.reshape(n, num_groups, c // num_groups, h, w)
    return _normalize(xg, (2, 3, 4), eps).reshape(n, c, h, w)

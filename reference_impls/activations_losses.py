"""Activations and losses (catalogue section "Activations and losses").

NumPy only. Every float result is float64; scalar losses are Python floats.
"""

from __future__ import annotations

import numpy as np


def softmax(x, axis=-1):
    """Stable softmax along ``axis``.

    x: array of any shape (float). Returns an array of x's shape whose slices
    along ``axis`` are positive and sum to 1. The per-slice maximum is
    subtracted before ``exp`` so nothing overflows (|x| up to 1e4 is fine).
    """
    x = np.asarray(x, dtype=np.float64)
    z = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    """Stable log-softmax along ``axis``: ``x - logsumexp(x, axis)``.

    x: array of any shape. Returns x's shape. Computed as
    ``z - log(sum(exp(z)))`` with ``z = x - max``, never as ``log(softmax(x))``
    (which gives -inf where softmax underflows).
    """
    x = np.asarray(x, dtype=np.float64)
    z = x - np.max(x, axis=axis, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


def sigmoid(x):
    """Elementwise logistic function ``1 / (1 + exp(-x))``, stable for any sign.

    x: array (or scalar). Returns a float64 array of x's shape. Only
    ``exp(-|x|)`` is ever evaluated, so no overflow for large |x|.
    """
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))  # in (0, 1]
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def cross_entropy(logits, labels):
    """Mean negative log-likelihood of integer labels under softmax(logits).

    logits: (N, C) float; labels: (N,) int in [0, C). Returns a Python float:
    ``mean_n(-log_softmax(logits)[n, labels[n]])``. Stable (log-sum-exp).
    """
    logp = log_softmax(logits, axis=1)
    labels = np.asarray(labels, dtype=np.int64)
    n = logp.shape[0]
    return float(-np.mean(logp[np.arange(n), labels])) + 0.0  # + 0.0 turns -0.0 into 0.0


def bce_with_logits(logits, targets):
    """Binary cross-entropy from logits, mean over all elements.

    logits, targets: arrays of one shape; targets in [0, 1] (soft targets
    allowed). Per element ``max(x, 0) - x*t + log(1 + exp(-|x|))``, which
    equals ``-[t*log(sigmoid(x)) + (1-t)*log(1-sigmoid(x))]`` without ever
    taking the log of 0 or overflowing. Returns a Python float.
    """
    x = np.asarray(logits, dtype=np.float64)
    t = np.asarray(targets, dtype=np.float64)
    per = np.maximum(x, 0.0) - x * t + np.log1p(np.exp(-np.abs(x)))
    return float(np.mean(per))


def smooth_l1_loss(pred, target, beta=1.0):
    """Smooth L1 loss (as torch.nn.functional.smooth_l1_loss), mean over elements.

    d = pred - target; per element ``0.5*d**2/beta`` where ``|d| < beta``,
    else ``|d| - 0.5*beta``. beta = 0 gives the plain L1 loss. Returns a
    Python float. (Huber loss with delta = beta is beta times this.)
    """
    d = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    a = np.abs(d)
    safe_beta = beta if beta > 0 else 1.0  # with beta == 0 the quadratic branch is never taken
    per = np.where(a < beta, 0.5 * d * d / safe_beta, a - 0.5 * beta)
    return float(np.mean(per))


def smooth_l1_grad(pred, target, beta=1.0):
    """Gradient of ``smooth_l1_loss`` (the mean) with respect to ``pred``.

    pred, target: arrays of one shape; beta > 0. Returns pred's shape:
    ``d/beta`` where ``|d| < beta`` else ``sign(d)``, all divided by
    ``d.size`` because the loss is a mean.
    """
    d = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    g = np.where(np.abs(d) < beta, d / beta, np.sign(d))
    return g / d.size


def label_smoothing(labels, num_classes, eps):
    """Smoothed one-hot targets.

    labels: (N,) int in [0, num_classes). Returns (N, num_classes) float64 with
    ``1 - eps + eps/C`` on the true class and ``eps/C`` elsewhere (the uniform
    distribution mixed in with weight eps, as in torch's ``label_smoothing``),
    so every row sums to 1.
    """
    labels = np.asarray(labels, dtype=np.int64)
    c = int(num_classes)
    out = np.full((labels.shape[0], c), eps / c, dtype=np.float64)
    out[np.arange(labels.shape[0]), labels] += 1.0 - eps
    return out

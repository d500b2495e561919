"""Recompute every numeric answer written from seed note 000.

Each numeric question of questions/*/s000.yaml is recomputed here independently of the YAML: with
the catalogue reference solutions where one applies, else with NumPy or plain arithmetic.
"""

from __future__ import annotations

import math

import numpy as np

from conftest import recomputation_tests
from reference_impls import activations_losses as al
from reference_impls import classical_ml as cml
from reference_impls import normalization as nrm

SEED = "000_9ab3b5eb8c35ee3a.txt"


# ---------------------------------------------------------------- recomputations, one per question id
def _bn_tiny_batch_forward() -> float:
    x = np.array([[1.0], [2.0], [3.0], [6.0]])
    return float(nrm.batchnorm_forward(x, np.array([2.0]), np.array([0.5]), eps=1e-5)[3, 0])


def _bn_running_var_update() -> float:
    x = np.array([[1.0], [2.0], [3.0], [6.0]])
    _, var = nrm.update_running_stats(np.array([0.0]), np.array([1.0]), x, momentum=0.1)
    return float(var[0])


def _lagrange_equality_example() -> float:
    # min x^2 + y^2 s.t. x + 2y = 5, i.e. 0.5 x'Qx with Q = 2I, through the KKT system
    x, _ = cml.solve_equality_qp(2.0 * np.eye(2), np.zeros(2), np.array([[1.0, 2.0]]), np.array([5.0]))
    return float(x @ x)


def _kkt_inequality_multiplier() -> float:
    # min (x-2)^2 + (y-1)^2 s.t. x + y - 1 <= 0; f = 0.5 x'(2I)x + (-4, -2)'x + const
    Q, c = 2.0 * np.eye(2), np.array([-4.0, -2.0])
    a, b = np.array([1.0, 1.0]), 1.0
    unconstrained = np.linalg.solve(Q, -c)
    assert a @ unconstrained > b  # the constraint must be active
    x, mu = cml.solve_equality_qp(Q, c, a[None, :], np.array([b]))
    assert mu[0] >= 0 and abs(a @ x - b) < 1e-12  # dual feasibility, primal feasibility
    # brute-force check that x is the constrained minimizer
    grid = np.stack(np.meshgrid(np.linspace(-3, 3, 301), np.linspace(-3, 3, 301)), -1).reshape(-1, 2)
    grid = grid[grid @ a <= b]
    f = ((grid - [2.0, 1.0]) ** 2).sum(1)
    assert ((x - [2.0, 1.0]) ** 2).sum() <= f.min() + 1e-12
    return float(mu[0])


def _vector_norm() -> float:
    return float(np.linalg.norm(np.array([3.0, 0.0, -4.0, 0.0, 1.0]), 2))


def _lasso_soft_threshold() -> float:
    # brute force over a fine grid, cross-checked with the soft-thresholding formula
    z, lam = 2.5, 1.0
    w = np.linspace(-5, 5, 200001)
    brute = w[np.argmin(0.5 * (w - z) ** 2 + lam * np.abs(w))]
    formula = np.sign(z) * max(abs(z) - lam, 0.0)
    assert abs(brute - formula) < 1e-4
    return float(formula)


def _ridge_condition_number() -> float:
    rng = np.random.default_rng(0)
    q, _ = np.linalg.qr(rng.normal(size=(2, 2)))
    xtx = q @ np.diag([100.0, 0.01]) @ q.T
    return float(np.linalg.cond(xtx + 1.0 * np.eye(2)))


def _outlier_mse() -> float:
    pred, target = np.array([2.0, 2.0, 2.0, 100.0]), np.ones(4)
    return float(np.mean((pred - target) ** 2))


def _smooth_l1_value() -> float:
    return float(al.smooth_l1_loss(np.array([0.5, 3.0, -1.0]), np.zeros(3), beta=1.0))


def _smooth_l1_gradient() -> float:
    pred, target = np.array([0.3]), np.zeros(1)
    g = al.smooth_l1_grad(pred, target, beta=0.5) * pred.size  # 'sum' reduction
    return float(g[0])


def _l2_optimal_constant() -> float:
    y = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    c = np.linspace(0, 100, 100001)
    best = c[np.argmin(((y[None, :] - c[:, None]) ** 2).sum(1))]
    assert abs(best - y.mean()) < 1e-3
    return float(best)


def _mse_numpy() -> float:
    pred, target = np.array([2.5, 0.0, 2.0, 8.0]), np.array([3.0, -0.5, 2.0, 7.0])
    return float(np.mean((pred - target) ** 2))


def _sigmoid_derivative_from_output() -> float:
    x = math.log(9.0)  # the input whose sigmoid is 0.9
    assert abs(float(al.sigmoid(np.array(x))) - 0.9) < 1e-12
    h = 1e-6  # derivative by central difference, not through the closed form
    return (float(al.sigmoid(np.array(x + h))) - float(al.sigmoid(np.array(x - h)))) / (2 * h)


def _sigmoid_saturation_ratio() -> float:
    d = lambda x: float(al.sigmoid(np.array(x))) * (1 - float(al.sigmoid(np.array(x))))  # noqa: E731
    return d(0.0) / d(5.0)


def _sigmoids_sum() -> float:
    z = np.array([2.0, 1.0, 0.0])
    assert abs(al.softmax(z).sum() - 1.0) < 1e-12
    return float(al.sigmoid(z).sum())


COMPUTE = {
    "normalization.bn-tiny-batch-forward": _bn_tiny_batch_forward,
    "normalization.bn-running-var-update": _bn_running_var_update,
    "math.lagrange-equality-example": _lagrange_equality_example,
    "math.kkt-inequality-multiplier": _kkt_inequality_multiplier,
    "math.vector-norms-compute": _vector_norm,
    "regularization.lasso-soft-threshold-1d": _lasso_soft_threshold,
    "regularization.ridge-condition-number": _ridge_condition_number,
    "losses.outlier-mse-vs-mae": _outlier_mse,
    "losses.smooth-l1-value": _smooth_l1_value,
    "losses.smooth-l1-gradient-beta": _smooth_l1_gradient,
    "losses.l2-optimal-constant-outlier": _l2_optimal_constant,
    "losses.mse-numpy-compute": _mse_numpy,
    "activations.sigmoid-derivative-from-output": _sigmoid_derivative_from_output,
    "activations.sigmoid-saturation-gradient-ratio": _sigmoid_saturation_ratio,
    "activations.sigmoids-do-not-sum-to-one": _sigmoids_sum,
}


test_files_exist, test_every_numeric_question_is_recomputed, test_numeric_value = recomputation_tests(SEED, COMPUTE)

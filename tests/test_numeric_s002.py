"""Recompute every numeric answer written from seed note 002.

Each numeric question of questions/*/s002.yaml is recomputed here independently of the YAML: with
the catalogue reference solutions in reference_impls where one applies, else with NumPy or plain
arithmetic. A few facts that the mcq answers rely on are checked the same way.
"""

from __future__ import annotations

import math

import numpy as np

from conftest import recomputation_tests
from reference_impls import activations_losses as al
from reference_impls import classical_ml as cml
from reference_impls import convolution as conv
from reference_impls import optimizers as opt
from reference_impls import regularization as reg

SEED = "002_2040fa34d8cb1fa8.txt"

# VGG16, configuration D: 3x3 convs with padding 1, "M" = 2x2 max-pool with stride 2
VGG16_CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


# ---------------------------------------------------------------- helpers
def _vgg16_conv_layers() -> list[tuple[int, int, int]]:
    """(c_in, c_out, output side) of the 13 conv layers for a 224x224 input."""
    layers, c, side = [], 3, 224
    for v in VGG16_CFG:
        if v == "M":
            side = conv.conv2d_output_size(side, 2, stride=2)
            continue
        side = conv.conv2d_output_size(side, 3, stride=1, padding=1)
        layers.append((c, v, side))
        c = v
    return layers


def _vgg16_param_counts() -> tuple[int, int]:
    conv_params = sum(9 * ci * co + co for ci, co, _ in _vgg16_conv_layers())
    last_side = 224 // 2**5
    dims = [512 * last_side * last_side, 4096, 4096, 1000]
    fc_params = sum(a * b + b for a, b in zip(dims[:-1], dims[1:], strict=True))
    return conv_params, fc_params


# ---------------------------------------------------------------- recomputations, one per question id
def _sigmoid_derivative_value() -> float:
    s = float(al.sigmoid(np.array([2.0]))[0])
    return s * (1.0 - s)


def _two_class_softmax() -> float:
    return float(al.softmax(np.array([2.0, 0.5]))[0])


def _logit_of_probability() -> float:
    z = math.log(0.8 / 0.2)
    assert abs(float(al.sigmoid(np.array([z]))[0]) - 0.8) < 1e-12  # it is the inverse of the sigmoid
    return z


def _gradient_shrink_through_depth() -> float:
    g = np.array([1.0])
    for _ in range(30):  # one backward Jacobian factor per layer
        g = 0.8 * g
    return float(g[0])


def _clip_grad_norm_by_hand() -> float:
    clipped, norm = reg.clip_grad_norm([np.array([3.0, 4.0]), np.array([12.0])], 5.0)
    assert abs(float(norm) - 13.0) < 1e-12
    return float(clipped[0][0])


def _optimizer_steps_per_run() -> float:
    steps_per_epoch = len(range(0, 50000, 128))  # keeps the last partial batch
    return float(steps_per_epoch * 30)


def _linear_scaling_rule() -> float:
    return 0.1 * (8192 / 256)


def _cosine_annealing_value() -> float:
    eta_max, eta_min, t_max, t = 0.1, 0.001, 100, 25
    return eta_min + 0.5 * (eta_max - eta_min) * (1.0 + math.cos(math.pi * t / t_max))


def _xavier_uniform_bound() -> float:
    return float(reg.xavier_uniform_bound(256, 512))


def _he_init_std_conv() -> float:
    return float(reg.he_normal_std(64 * 3 * 3))


def _update_to_weight_ratio() -> float:
    rng = np.random.default_rng(0)
    w = rng.normal(size=50)
    w *= 20.0 / np.linalg.norm(w)
    g = rng.normal(size=50)
    g *= 3.0 / np.linalg.norm(g)
    w_new, _ = opt.momentum_step(w, g, np.zeros_like(w), lr=0.01, momentum=0.0)  # plain SGD
    return float(np.linalg.norm(w_new - w) / np.linalg.norm(w))


def _imagenet_channel_normalization() -> float:
    return (200 / 255 - 0.485) / 0.229


def _distillation_soft_target() -> float:
    return float(al.softmax(np.array([2.0, 1.0, 0.0]) / 2.0)[0])


def _full_hessian_memory() -> float:
    n = 10**7
    return n * n * np.dtype(np.float32).itemsize / 1e12


def _momentum_consistent_vs_oscillating() -> float:
    lr, beta, g = 0.1, 0.9, 1.0
    wa = va = wb = vb = np.array([0.0])
    for t in range(1, 401):
        wa, va = opt.momentum_step(wa, np.array([g]), va, lr=lr, momentum=beta)
        wb, vb = opt.momentum_step(wb, np.array([(-1.0) ** t * g]), vb, lr=lr, momentum=beta)
    return float(abs(va[0]) / abs(vb[0]))


def _adamw_first_step() -> float:
    lr, wd, w, g = 0.1, 0.1, np.array([1.0]), np.array([0.5])
    decoupled = w * (1.0 - lr * wd)  # AdamW: decay first, then the Adam step from g alone
    w_adamw, _, _ = opt.adam_step(decoupled, g, np.zeros(1), np.zeros(1), 1, lr=lr)
    # the explanation's contrast: Adam with an L2 term in the gradient ignores it at t = 1
    w_l2, _, _ = opt.adam_step(w, g + wd * w, np.zeros(1), np.zeros(1), 1, lr=lr)
    assert abs(float(w_l2[0]) - 0.9) < 1e-6
    return float(w_adamw[0])


def _dropout_output_variance() -> float:
    a, p = np.array([3.0]), 0.25
    dropped = float(reg.dropout(a, p, np.array([0.1]))[0])  # u < p: zeroed
    kept = float(reg.dropout(a, p, np.array([0.9]))[0])  # u >= p: scaled by 1/(1-p)
    mean = p * dropped + (1 - p) * kept
    assert abs(mean - 3.0) < 1e-12  # inverted dropout preserves the mean
    return p * dropped**2 + (1 - p) * kept**2 - mean**2


def _l1_subgradient_overshoot() -> float:
    w, lr, lam = 0.03, 0.1, 0.5
    return w - lr * lam * float(np.sign(w))


def _vgg16_fc_parameter_share() -> float:
    conv_params, fc_params = _vgg16_param_counts()
    return fc_params / (conv_params + fc_params)


def _vgg16_conv_macs() -> float:
    return sum(int(conv.conv2d_macs(ci, co, 3, s, s)) for ci, co, s in _vgg16_conv_layers()) / 1e9


def _unshared_locally_connected_params() -> float:
    side = conv.conv2d_output_size(32, 3, stride=1, padding=1)
    return float(side * side * (3 * 3 * 64 * 128 + 128))


def _lstm_parameter_count() -> float:
    d, h = 10, 20
    per_gate = h * d + h * h + h + h  # W_ih, W_hh, bias_ih, bias_hh
    return float(4 * per_gate)


def _l_softmax_target_logit() -> float:
    m, theta = 2, math.radians(30)
    assert theta <= math.pi / m
    return 2.0 * 3.0 * math.cos(m * theta)


def _arcface_target_logit() -> float:
    return 64.0 * math.cos(math.pi / 4 + 0.5)


def _multiclass_hinge_value() -> float:
    s, y, delta = np.array([2.0, 3.5, 1.2]), 0, 1.0
    margins = np.maximum(0.0, s - s[y] + delta)
    margins[y] = 0.0
    return float(margins.sum())


def _contrastive_pair_loss() -> float:
    d, m, y = 0.3, 1.0, 1  # y = 1: dissimilar pair
    return (1 - y) * 0.5 * d**2 + y * 0.5 * max(0.0, m - d) ** 2


def _hessian_smallest_eigenvalue() -> float:
    h = np.array([[2.0, 4.0], [4.0, 2.0]])  # Hessian of x^2 + 4xy + y^2
    assert cml.classify_critical_point(h) == "saddle"
    return float(np.linalg.eigvalsh(h).min())


RECOMPUTE = {
    "activations.sigmoid-derivative-value": _sigmoid_derivative_value,
    "activations.two-class-softmax-equals-sigmoid": _two_class_softmax,
    "activations.logit-of-probability": _logit_of_probability,
    "training.gradient-shrink-through-depth": _gradient_shrink_through_depth,
    "training.clip-grad-norm-by-hand": _clip_grad_norm_by_hand,
    "training.optimizer-steps-per-run": _optimizer_steps_per_run,
    "training.linear-scaling-rule": _linear_scaling_rule,
    "training.cosine-annealing-value": _cosine_annealing_value,
    "training.xavier-uniform-bound-value": _xavier_uniform_bound,
    "training.he-init-std-conv": _he_init_std_conv,
    "training.update-to-weight-ratio": _update_to_weight_ratio,
    "training.imagenet-channel-normalization": _imagenet_channel_normalization,
    "training.distillation-soft-target-value": _distillation_soft_target,
    "optimizers.full-hessian-memory": _full_hessian_memory,
    "optimizers.momentum-consistent-vs-oscillating": _momentum_consistent_vs_oscillating,
    "regularization.adamw-first-step-value": _adamw_first_step,
    "regularization.dropout-output-variance": _dropout_output_variance,
    "regularization.l1-subgradient-overshoot": _l1_subgradient_overshoot,
    "architectures.vgg16-fc-parameter-share": _vgg16_fc_parameter_share,
    "architectures.vgg16-conv-macs": _vgg16_conv_macs,
    "convolution.unshared-locally-connected-params": _unshared_locally_connected_params,
    "sequence-models.lstm-parameter-count": _lstm_parameter_count,
    "losses.l-softmax-target-logit": _l_softmax_target_logit,
    "losses.arcface-target-logit": _arcface_target_logit,
    "losses.multiclass-hinge-value": _multiclass_hinge_value,
    "losses.contrastive-pair-loss-value": _contrastive_pair_loss,
    "math.hessian-smallest-eigenvalue": _hessian_smallest_eigenvalue,
}


test_files_exist, test_every_numeric_question_is_recomputed, test_numeric_value = recomputation_tests(
    SEED, RECOMPUTE, min_numeric=20
)


# ---------------------------------------------------------------- facts behind some mcq/open answers
def test_psd_hessian_is_inconclusive():
    # math.semidefinite-hessian-inconclusive: x^2 + y^3 has Hessian diag(2, 0) at the origin
    assert cml.classify_critical_point(np.diag([2.0, 0.0])) == "degenerate"
    f = lambda x, y: x**2 + y**3  # noqa: E731
    assert f(0.0, -0.1) < f(0.0, 0.0)


def test_even_kernel_cannot_pad_symmetrically():
    # convolution.even-kernel-same-padding: padding 2 gives 33, total padding 3 gives 32
    assert conv.conv2d_output_size(32, 4, stride=1, padding=2) == 33
    assert 32 + 3 - 4 + 1 == 32
    assert conv.conv2d_output_size(32, 3, stride=1, padding=1) == 32


def test_vgg16_totals_quoted_in_answers():
    # training.why-gpus-for-deep-learning: about 138M parameters, about 15.5 GMACs forward
    conv_params, fc_params = _vgg16_param_counts()
    assert conv_params + fc_params == 138_357_544
    fc_macs = 25088 * 4096 + 4096 * 4096 + 4096 * 1000
    assert abs((_vgg16_conv_macs() * 1e9 + fc_macs) / 1e9 - 15.47) < 0.01


def test_adam_first_step_is_lr_whatever_the_gradient():
    # regularization.adamw-first-step-value explanation: |step| = lr at t = 1
    for g in (0.003, 0.6, 300.0):
        w, _, _ = opt.adam_step(np.array([0.0]), np.array([g]), np.zeros(1), np.zeros(1), 1, lr=0.1)
        assert abs(abs(float(w[0])) - 0.1) < 1e-6

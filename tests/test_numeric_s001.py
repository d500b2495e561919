"""Recompute every numeric answer written from seed note 001.

Each numeric question of questions/*/s001.yaml is recomputed here independently of the YAML:
with the catalogue reference solutions where one applies, else with NumPy or plain arithmetic.
"""

from __future__ import annotations

import numpy as np

from conftest import recomputation_tests
from reference_impls import activations_losses as al
from reference_impls import classical_ml as cml
from reference_impls import convolution as conv
from reference_impls import detection as det
from reference_impls import normalization as nrm
from reference_impls import optimizers as opt
from reference_impls import regularization as reg
from reference_impls import transformers as tfm

SEED = "001_857ffb1902a89357.txt"


# ---------------------------------------------------------------- activations
def _softmax_large_logits() -> float:
    return float(al.softmax(np.array([1000.0, 1001.0, 1002.0]))[2])


# ---------------------------------------------------------------- transformers
def _pe_entry() -> float:
    return float(tfm.sinusoidal_positional_encoding(6, 8)[5, 2])


def _swin_flops_ratio() -> float:
    h = w = 56
    c, m = 96, 7
    hw = h * w
    msa = 4 * hw * c**2 + 2 * hw**2 * c
    wmsa = 4 * hw * c**2 + 2 * m**2 * hw * c
    return msa / wmsa


def _swin_shifted_window_count() -> float:
    # cut each axis at the shifted window borders and count the non-empty pieces
    size, m = 56, 7
    shift = m // 2
    borders = sorted({0, size} | {b for b in range(shift, size, m)})
    per_axis = len(borders) - 1
    return per_axis * per_axis


def _swin_relative_index() -> float:
    table = tfm.swin_relative_position_index((7, 7))
    i = 0 * 7 + 0  # row 0, column 0
    j = 2 * 7 + 5  # row 2, column 5
    return float(table[i, j])


# ---------------------------------------------------------------- classical ML
def _gaussian_mle_variance() -> float:
    _, var = cml.gaussian_mle(np.array([2, 4, 4, 4, 5, 5, 7, 9], dtype=float))
    return float(var)


def _hamming_strings() -> float:
    return cml.hamming_distance("karolin", "kathrin")


def _hamming_xor() -> float:
    return cml.hamming_distance(format(93, "07b"), format(73, "07b"))


def _pca_explained_ratio() -> float:
    # sample many points with the given covariance, run the reference PCA, and compare with the
    # exact eigenvalues; the returned value is the exact ratio from the eigen-decomposition
    cov = np.array([[2.0, 1.0], [1.0, 2.0]])
    eig = np.linalg.eigvalsh(cov)
    exact = eig.max() / eig.sum()
    rng = np.random.default_rng(0)
    x = rng.multivariate_normal([0.0, 0.0], cov, size=4000)
    z, _ = cml.pca(x, 2)
    var = z.var(axis=0)
    assert abs(var[0] / var.sum() - exact) < 0.02
    return float(exact)


def _kmeans_pp_probability() -> float:
    # fraction of uniforms u for which the reference k-means++ seeding picks 7 as second centre
    x = np.array([[0.0], [1.0], [3.0], [7.0]])
    us = (np.arange(4000) + 0.5) / 4000
    hits = sum(cml.kmeans_plus_plus_init(x, 2, [u])[1, 0] == 7.0 for u in us)
    return hits / len(us)


def _kmeans_first_update() -> float:
    x = np.array([1.0, 2.0, 3.0, 10.0, 11.0, 12.0])[:, None]
    centers, _ = cml.kmeans(x, np.array([[1.0], [2.0]]), n_iter=1)
    return float(centers[1, 0])


# ---------------------------------------------------------------- convolution
def _dilated_stack_rf() -> float:
    return conv.receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 5)])


def _dilated_output_size() -> float:
    return conv.conv2d_output_size(32, 3, stride=1, padding=0, dilation=3)


def _conv_macs() -> float:
    return conv.conv2d_macs(64, 128, 3, 56, 56)


def _conv_params_with_bias() -> float:
    w = np.zeros((128, 64, 3, 3))
    b = np.zeros(128)
    return w.size + b.size


def _dw_separable_params() -> float:
    w_dw = np.zeros((3, 1, 3, 3))
    w_pw = np.zeros((4, 3, 1, 1))
    # the two weight tensors really do map 5x5x3 to 5x5x4 with padding 1
    out = conv.depthwise_separable_conv2d(np.ones((1, 3, 5, 5)), w_dw, w_pw, padding=1)
    assert out.shape == (1, 4, 5, 5)
    return w_dw.size + w_pw.size


def _dw_separable_cost_ratio() -> float:
    h = w = 14  # any resolution: it cancels
    sep = conv.conv2d_macs(256, 256, 3, h, w, groups=256) + conv.conv2d_macs(256, 256, 1, h, w)
    return sep / conv.conv2d_macs(256, 256, 3, h, w)


_IMG = np.array([[1.0, 2.0], [3.0, 5.0]])


def _bilinear_value() -> float:
    return float(conv.bilinear_sample(_IMG, np.array([0.3]), np.array([0.6]))[0])


def _bilinear_x_gradient() -> float:
    h = 1e-6
    up = conv.bilinear_sample(_IMG, np.array([0.3]), np.array([0.6 + h]))[0]
    down = conv.bilinear_sample(_IMG, np.array([0.3]), np.array([0.6 - h]))[0]
    return float((up - down) / (2 * h))


# ---------------------------------------------------------------- training
def _gd_divergence_threshold() -> float:
    # bisection on the learning rate: does |w| grow after 50 GD steps on f(w) = 5 w^2?
    def grows(lr: float) -> bool:
        w = 1.0
        for _ in range(50):
            w -= lr * 10.0 * w
        return abs(w) > 1.0

    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if grows(mid) else (mid, hi)
    return (lo + hi) / 2


def _relu_variance_factor() -> float:
    # Monte Carlo forward pass through 10 ReLU layers with Var[w] = 1/fan_in, checked against 2^-10
    rng = np.random.default_rng(0)
    n, depth = 256, 10
    y0 = rng.standard_normal((2000, n))
    y = y0
    for _ in range(depth):
        w = rng.standard_normal((n, n)) / np.sqrt(n)
        y = np.maximum(y, 0.0) @ w
    analytic = (n * (1.0 / n) * 0.5) ** depth
    assert abs(y.var() / y0.var() / analytic - 1.0) < 0.3
    return analytic


# ---------------------------------------------------------------- regularization
def _dropout_bn_test_scale() -> float:
    # train: x ~ N(0, 1) through the reference inverted dropout (p = 0.5) -> BN's running variance
    rng = np.random.default_rng(0)
    x = rng.standard_normal(200_000)
    train_out = reg.dropout(x, 0.5, rng.random(x.shape), training=True)
    running_var = train_out.var()
    # test: dropout is the identity, BN divides by sqrt(running_var)
    test_in = reg.dropout(x, 0.5, rng.random(x.shape), training=False)
    test_std = (test_in / np.sqrt(running_var)).std()
    assert abs(test_std - 1 / np.sqrt(2)) < 0.01
    return 1 / np.sqrt(1 / (1 - 0.5))


def _l2_sgd_step() -> float:
    theta, lam, data_grad, lr = np.array([2.0]), 0.05, 0.3, 0.1
    grad = data_grad + 2 * lam * theta  # d/dtheta of L + lam * theta^2
    new, _ = opt.momentum_step(theta, grad, np.zeros(1), lr, momentum=0.0)
    return float(new[0])


# ---------------------------------------------------------------- detection
def _box(*b: float) -> np.ndarray:
    return np.array([b], dtype=float)


def _yolov1_output_size() -> float:
    s, b, c = 7, 2, 20
    return s * s * (b * 5 + c)


def _yolov2_passthrough_channels() -> float:
    fine = np.zeros((64, 26, 26))
    # space-to-depth with stride 2: every 2x2 spatial block goes into 4 channels
    reorg = fine.reshape(64, 13, 2, 13, 2).transpose(0, 2, 4, 1, 3).reshape(64 * 4, 13, 13)
    assert reorg.shape[1:] == (13, 13)
    return reorg.shape[0] + 1024


def _yolov3_prediction_count() -> float:
    return sum((416 // stride) ** 2 * 3 for stride in (32, 16, 8))


def _coco_ap_note_example() -> float:
    # ranked TP, FP, TP with three ground truths
    return float(det.average_precision(np.array([0.9, 0.8, 0.7]), np.array([True, False, True]), 3))


def _iou_two_squares() -> float:
    return float(det.box_iou(_box(0, 0, 4, 4), _box(2, 2, 6, 6))[0, 0])


def _giou_two_squares() -> float:
    return float(det.generalized_box_iou(_box(0, 0, 4, 4), _box(2, 2, 6, 6))[0, 0])


def _diou_disjoint() -> float:
    return float(det.distance_box_iou(_box(0, 0, 2, 2), _box(3, 0, 5, 2))[0, 0])


def _ciou_far_apart() -> float:
    return float(det.complete_box_iou(_box(0, 0, 10, 1), _box(100, 0, 101, 10))[0, 0])


def _bbox_targets_smooth_l1() -> float:
    px, py, pw, ph = 50.0, 50.0, 20.0, 40.0
    gx, gy, gw, gh = 54.0, 46.0, 30.0, 40.0
    t = np.array([(gx - px) / pw, (gy - py) / ph, np.log(gw / pw), np.log(gh / ph)])
    # the reference loss is a mean over the 4 coordinates; Fast R-CNN sums them
    return float(al.smooth_l1_loss(np.zeros(4), t, beta=1.0) * 4)


def _simota_dynamic_k() -> float:
    ious = np.array([0.85, 0.72, 0.61, 0.44, 0.30, 0.18, 0.09, 0.05, 0.02, 0.01, 0.01, 0.00])
    top = np.sort(ious)[::-1][: min(10, ious.size)]
    return max(1, int(top.sum()))


# ---------------------------------------------------------------- normalization
def _group_norm_count() -> float:
    # label every element with its normalisation set and count the distinct sets
    n, c, h, w, g = 4, 64, 32, 32, 8
    sample = np.arange(n)[:, None, None, None]
    group = (np.arange(c) // (c // g))[None, :, None, None]
    labels = np.broadcast_to(sample * g + group, (n, c, h, w))
    # the reference GroupNorm normalises exactly these sets: each has mean 0 afterwards
    x = np.random.default_rng(0).standard_normal((n, c, 4, 4))
    y = nrm.group_norm(x, g)
    assert np.allclose(y.reshape(n, g, -1).mean(axis=2), 0.0, atol=1e-9)
    return len(np.unique(labels))


def _layer_norm_token() -> float:
    return float(nrm.layer_norm(np.array([[1.0, 3.0, 5.0, 7.0]]), eps=1e-5)[0, 3])


# ---------------------------------------------------------------- optimizers
def _ema_recent_weight() -> float:
    beta, n = 0.999, 200_000
    weights = (1 - beta) * beta ** np.arange(n)
    return float(weights[:1000].sum() / weights.sum())


def _adam_uncorrected_first_step() -> float:
    g, lr = np.array([0.37]), 0.01
    w1, m1, v1 = opt.adam_step(np.zeros(1), g, np.zeros(1), np.zeros(1), 1, lr=lr)
    # the reference (bias-corrected) first step has size lr; the note's formula uses the raw moments
    assert abs(abs(w1[0]) - lr) < 1e-9
    return float(abs(lr * m1[0] / np.sqrt(v1[0])) / lr)


def _momentum_forms_ratio() -> float:
    lr, beta, g = 0.1, 0.9, np.array([1.0])
    w_b, v_b = np.zeros(1), np.zeros(1)
    w_a, m_a = 0.0, 0.0
    for _ in range(500):
        prev_b = w_b.copy()
        # catalogue convention v' = beta v + lr g equals lr times PyTorch's buffer b
        w_b, v_b = opt.momentum_step(w_b, g, v_b, lr, momentum=beta)
        step_b = abs(w_b[0] - prev_b[0])
        m_a = beta * m_a + (1 - beta) * g[0]
        step_a = lr * m_a
        w_a -= step_a
    return step_b / step_a


COMPUTE = {
    "activations.softmax-large-logits-value": _softmax_large_logits,
    "transformers.sinusoidal-pe-entry-value": _pe_entry,
    "transformers.swin-window-attention-flops-ratio": _swin_flops_ratio,
    "transformers.swin-shifted-window-count": _swin_shifted_window_count,
    "transformers.swin-relative-position-index-entry": _swin_relative_index,
    "classical-ml.gaussian-mle-variance-by-hand": _gaussian_mle_variance,
    "classical-ml.hamming-distance-strings": _hamming_strings,
    "classical-ml.hamming-distance-xor-popcount": _hamming_xor,
    "classical-ml.pca-explained-variance-ratio": _pca_explained_ratio,
    "classical-ml.kmeans-plus-plus-probability": _kmeans_pp_probability,
    "classical-ml.kmeans-lloyd-first-update": _kmeans_first_update,
    "convolution.dilated-stack-receptive-field": _dilated_stack_rf,
    "convolution.dilated-output-size": _dilated_output_size,
    "convolution.conv-layer-macs-by-hand": _conv_macs,
    "convolution.conv-layer-params-with-bias": _conv_params_with_bias,
    "convolution.depthwise-separable-params-example": _dw_separable_params,
    "convolution.depthwise-separable-cost-ratio": _dw_separable_cost_ratio,
    "convolution.deformable-bilinear-sample-value": _bilinear_value,
    "convolution.deformable-offset-gradient": _bilinear_x_gradient,
    "training.gd-divergence-lr-threshold": _gd_divergence_threshold,
    "training.relu-signal-halving-with-bad-init": _relu_variance_factor,
    "regularization.dropout-bn-test-time-scale": _dropout_bn_test_scale,
    "regularization.l2-penalty-sgd-step": _l2_sgd_step,
    "detection.yolov1-output-tensor-size": _yolov1_output_size,
    "detection.yolov2-passthrough-channels": _yolov2_passthrough_channels,
    "detection.yolov3-prediction-count": _yolov3_prediction_count,
    "detection.coco-ap-worked-example": _coco_ap_note_example,
    "detection.iou-two-squares": _iou_two_squares,
    "detection.giou-two-squares": _giou_two_squares,
    "detection.diou-disjoint-boxes": _diou_disjoint,
    "detection.ciou-below-minus-one": _ciou_far_apart,
    "detection.bbox-regression-targets-smooth-l1": _bbox_targets_smooth_l1,
    "detection.simota-dynamic-k": _simota_dynamic_k,
    "normalization.group-norm-statistics-count": _group_norm_count,
    "normalization.layer-norm-token-by-hand": _layer_norm_token,
    "optimizers.ema-effective-window": _ema_recent_weight,
    "optimizers.adam-without-bias-correction": _adam_uncorrected_first_step,
    "optimizers.momentum-ema-vs-accumulation-form": _momentum_forms_ratio,
}


test_files_exist, test_every_numeric_question_is_recomputed, test_numeric_value = recomputation_tests(SEED, COMPUTE)

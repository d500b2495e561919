"""Recompute every numeric answer written from seed note 004.

Each numeric question of questions/*/s004.yaml is recomputed here independently of the YAML:
with the catalogue reference solutions where one applies (optimizers, normalization, convolution,
activations/losses, classical ML), cross-checked where cheap against PyTorch, finite differences,
a simulation or a second formula; else with NumPy or plain arithmetic.
"""

from __future__ import annotations

import math

import numpy as np

from conftest import recomputation_tests
from reference_impls import activations_losses as al
from reference_impls import classical_ml as cml
from reference_impls import convolution as conv
from reference_impls import normalization as nrm
from reference_impls import optimizers as opt

SEED = "004_8020d1ea39e4eaa3.txt"


def _torch():
    import torch  # imported lazily: only the cross-checks need it (installed, never skipped)

    return torch


def _n_trainable(*modules) -> int:
    return sum(p.numel() for m in modules for p in m.parameters() if p.requires_grad)


# ------------------------------------------------------------------------------------ optimizers
def _momentum_two_steps() -> float:
    w, v = np.array([1.0]), np.array([0.0])
    for _ in range(2):
        w, v = opt.momentum_step(w, 2.0 * w, v, lr=0.1, momentum=0.9)  # f(w) = w^2
    # plain-Python recursion, written out independently of the catalogue function
    ww, vv = 1.0, 0.0
    for _ in range(2):
        vv = 0.9 * vv + 0.1 * 2.0 * ww
        ww -= vv
    assert abs(ww - w[0]) < 1e-12
    return float(w[0])


def _momentum_terminal_step() -> float:
    w, v = np.array([0.0]), np.array([0.0])
    for _ in range(400):  # constant gradient 1: v converges geometrically (0.9^400 is negligible)
        w, v = opt.momentum_step(w, np.array([1.0]), v, lr=0.1, momentum=0.9)
    assert abs(v[0] - 0.1 / (1 - 0.9)) < 1e-9  # fixed point of v = gamma v + lr g
    return float(v[0])


def _nag_two_steps() -> float:
    w, v = np.array([1.0]), np.array([0.0])
    for _ in range(2):
        w, v = opt.nesterov_step(w, v, lambda x: 2.0 * x, lr=0.1, momentum=0.9)
    # hand-written look-ahead recursion, not through the catalogue function
    ww, vv = 1.0, 0.0
    for _ in range(2):
        vv = 0.9 * vv + 0.1 * 2.0 * (ww - 0.9 * vv)
        ww -= vv
    assert abs(ww - w[0]) < 1e-12
    return float(w[0])


def _adagrad_second_step() -> float:
    w, G = np.array([0.0]), np.array([0.0])
    w1, G = opt.adagrad_step(w, np.array([3.0]), G, lr=0.01, eps=0.0)
    w2, G = opt.adagrad_step(w1, np.array([4.0]), G, lr=0.01, eps=0.0)
    assert G[0] == 25.0
    return float(abs(w2[0] - w1[0]))


def _adadelta_first_step() -> float:
    zero = np.array([0.0])
    w1, _, _ = opt.adadelta_step(zero, np.array([1.0]), zero, zero, rho=0.9, eps=1e-6)
    return float(abs(w1[0]))


def _rmsprop_first_step() -> float:
    w1, _ = opt.rmsprop_step(np.array([0.0]), np.array([2.0]), np.array([0.0]), lr=0.001, rho=0.9, eps=1e-8)
    assert abs(abs(w1[0]) - 0.001 / math.sqrt(0.1)) < 1e-9  # independent of g: lr / sqrt(1 - rho)
    return float(abs(w1[0]))


def _adam_two_steps() -> float:
    w, m, v = np.array([0.0]), np.array([0.0]), np.array([0.0])
    for t, g in enumerate([1.0, 0.5], start=1):
        w, m, v = opt.adam_step(w, np.array([g]), m, v, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8)
    # the paper's Algorithm 1 written out by hand
    th, mm, vv = 0.0, 0.0, 0.0
    for t, g in enumerate([1.0, 0.5], start=1):
        mm = 0.9 * mm + 0.1 * g
        vv = 0.999 * vv + 0.001 * g * g
        th -= 0.1 * (mm / (1 - 0.9**t)) / (math.sqrt(vv / (1 - 0.999**t)) + 1e-8)
    assert abs(th - w[0]) < 1e-12
    return float(w[0])


# ------------------------------------------------------------------------------------------ math
def _newton_two_steps() -> float:
    x = opt.newton_minimize(lambda x: np.exp(x) - 2.0, lambda x: np.diag(np.exp(x)), np.array([0.0]), n_iter=2)
    assert abs(x[0] - 2.0 / math.e) < 1e-12  # x1 = 1, x2 = 1 - 1 + 2/e
    return float(x[0])


def _gd_stability_threshold() -> float:
    def diverges(eta: float) -> bool:
        w = 1.0
        for _ in range(2000):
            w -= eta * 10.0 * w  # f(w) = 5 w^2, f'(w) = 10 w
            if abs(w) > 1e6:  # stop before overflow turns the iterate into inf/nan
                return True
        return abs(w) >= 1.0

    lo, hi = 0.0, 1.0  # bisection on the observed behaviour
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if diverges(mid) else (mid, hi)
    assert abs(hi - 2.0 / 10.0) < 1e-3  # 2 / f''
    return hi


# --------------------------------------------------------------------------------- normalization
_BN_X = np.array([[1.0], [3.0], [4.0], [8.0]])
_BN_DOUT = np.array([[0.5], [-1.0], [2.0], [1.0]])


def _bn_backward_torch():
    torch = _torch()
    x = torch.tensor(_BN_X, requires_grad=True)
    gamma = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)
    beta = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=1e-5)
    y.backward(torch.tensor(_BN_DOUT))
    return x.grad.numpy(), gamma.grad.numpy()


def _bn_dx() -> float:
    dx, _, _ = nrm.batchnorm_backward(_BN_DOUT, _BN_X, np.array([1.5]), eps=1e-5)
    tdx, _ = _bn_backward_torch()
    assert np.allclose(dx, tdx, atol=1e-12)
    assert abs(dx.sum()) < 1e-12  # the input gradient of BN sums to zero over the batch
    return float(dx[0, 0])


def _bn_dgamma() -> float:
    _, dgamma, _ = nrm.batchnorm_backward(_BN_DOUT, _BN_X, np.array([1.5]), eps=1e-5)
    _, tdgamma = _bn_backward_torch()
    assert np.allclose(dgamma, tdgamma, atol=1e-12)
    return float(dgamma[0])


def _conv_bn_params() -> int:
    torch = _torch()
    c = torch.nn.Conv2d(64, 128, kernel_size=3, padding=1, bias=False)
    bn = torch.nn.BatchNorm2d(128)
    n = _n_trainable(c, bn)
    assert n == 3 * 3 * 64 * 128 + 2 * 128
    return n


def _bn2d_count() -> int:
    x = np.zeros((8, 64, 14, 14))
    per_channel = x.transpose(1, 0, 2, 3).reshape(64, -1)  # what one channel's mean averages over
    return per_channel.shape[1]


def _bn_fold_bias() -> float:
    folded = nrm.batchnorm_eval(
        np.array([[1.0]]), np.array([4.0]), np.array([9.0]), np.array([1.5]), np.array([0.2]), eps=1e-5
    )  # the conv output for an all-zero input is its bias
    torch = _torch()
    from torch.nn.utils.fusion import fuse_conv_bn_eval

    c = torch.nn.Conv2d(1, 1, 1, bias=True).double().eval()
    bn = torch.nn.BatchNorm2d(1, eps=1e-5).double().eval()
    with torch.no_grad():
        c.bias.fill_(1.0)
        bn.running_mean.fill_(4.0)
        bn.running_var.fill_(9.0)
        bn.weight.fill_(1.5)
        bn.bias.fill_(0.2)
    fused = fuse_conv_bn_eval(c, bn)
    assert abs(fused.bias.item() - folded[0, 0]) < 1e-12
    return float(folded[0, 0])


# -------------------------------------------------------------------------------------- training
def _minibatch_noise_std() -> float:
    rng = np.random.default_rng(0)
    population = rng.normal(size=10_000)
    population = (population - population.mean()) / population.std() * 0.8  # per-example std 0.8
    means = rng.choice(population, size=(20_000, 64), replace=True).mean(axis=1)
    analytic = 0.8 / math.sqrt(64)
    assert abs(means.std() - analytic) < 0.02 * analytic  # simulation agrees with sigma / sqrt(B)
    return analytic


# ----------------------------------------------------------------------------------- convolution
def _fc_params() -> int:
    torch = _torch()
    n = _n_trainable(torch.nn.Linear(32 * 32 * 3, 100))
    assert _n_trainable(torch.nn.Conv2d(3, 100, 5)) == 7600  # the comparison figure in the prompt
    return n


def _resnet_stem_size() -> int:
    h = conv.conv2d_output_size(224, 7, stride=2, padding=3)
    h = conv.conv2d_output_size(h, 3, stride=2, padding=1)
    torch = _torch()
    x = torch.empty(1, 3, 224, 224, device="meta")
    y = torch.nn.MaxPool2d(3, 2, 1)(torch.nn.Conv2d(3, 64, 7, 2, 3, bias=False, device="meta")(x))
    assert tuple(y.shape[-2:]) == (h, h)
    return int(h)


# --------------------------------------------------------------------------------- architectures
def _resnext_params() -> int:
    torch = _torch()
    block = [
        torch.nn.Conv2d(256, 128, 1, bias=False),
        torch.nn.Conv2d(128, 128, 3, padding=1, groups=32, bias=False),
        torch.nn.Conv2d(128, 256, 1, bias=False),
    ]
    n = _n_trainable(*block)
    assert n == 32 * (256 * 4 + 3 * 3 * 4 * 4 + 4 * 256)  # the 32-path form of the ResNeXt paper
    return n


def _inception_macs() -> int:
    total = conv.conv2d_macs(192, 16, 1, 28, 28) + conv.conv2d_macs(16, 32, 5, 28, 28)
    assert conv.conv2d_macs(192, 32, 5, 28, 28) == 120_422_400  # the unreduced figure in the prompt
    return int(total)


def _asymmetric_saving() -> float:
    torch = _torch()
    c = 8
    full = _n_trainable(torch.nn.Conv2d(c, c, (7, 7), bias=False))
    factored = _n_trainable(torch.nn.Conv2d(c, c, (1, 7), bias=False), torch.nn.Conv2d(c, c, (7, 1), bias=False))
    return 100.0 * (1.0 - factored / full)


def _densenet_channels() -> int:
    channels = 64
    for _ in range(6):  # each dense layer concatenates growth_rate new maps
        channels += 32
    assert channels == 256
    return int(math.floor(0.5 * channels))


# ---------------------------------------------------------------------------------------- losses
def _sigma_to_beta() -> float:
    sigma = 3.0
    d = np.linspace(-1.0, 1.0, 2001)
    sigma_form = np.where(np.abs(d) < 1 / sigma**2, 0.5 * (sigma * d) ** 2, np.abs(d) - 0.5 / sigma**2)

    def matches(beta: float) -> bool:
        ours = np.array([al.smooth_l1_loss(np.array([di]), np.zeros(1), beta=beta) for di in d])
        return bool(np.allclose(ours, sigma_form, atol=1e-12))

    candidates = [1.0, 1 / 3, 1 / 9, 3.0, 9.0]
    hits = [b for b in candidates if matches(b)]
    assert len(hits) == 1
    return hits[0]


def _sigmoid_mse_grad() -> float:
    z, y, h = -4.0, 1.0, 1e-6

    def loss(zz: float) -> float:
        return 0.5 * (float(al.sigmoid(np.array(zz))) - y) ** 2

    numeric = (loss(z + h) - loss(z - h)) / (2 * h)  # central difference, not the closed form
    bce_grad = float(al.sigmoid(np.array(z))) - y
    assert abs(bce_grad - (-0.98201)) < 1e-5  # the BCE figure quoted in the prompt
    return abs(numeric)


def _multilabel_bce() -> float:
    logits, targets = np.array([2.0, -1.0, 0.0]), np.array([1.0, 0.0, 1.0])
    loss = float(al.bce_with_logits(logits, targets))
    p = 1 / (1 + np.exp(-logits))
    direct = float(np.mean(-(targets * np.log(p) + (1 - targets) * np.log(1 - p))))
    assert abs(loss - direct) < 1e-12
    return loss


# ------------------------------------------------------------------------------------ classical ML
def _lr_grad_w2() -> float:
    w, X, y = np.array([0.5, -0.5]), np.array([[1.0, 2.0], [1.0, -1.0]]), np.array([1.0, 0.0])
    _, grad = cml.logistic_regression_loss_grad(w, X, y, l2=0.1)
    h = 1e-6
    e = np.array([0.0, h])

    def loss(ww: np.ndarray) -> float:
        return float(cml.logistic_regression_loss_grad(ww, X, y, l2=0.1)[0])

    fd = (loss(w + e) - loss(w - e)) / (2 * h)  # central difference on the loss value
    assert abs(fd - grad[1]) < 1e-7
    return float(grad[1])


COMPUTE = {
    "optimizers.momentum-two-steps-by-hand": _momentum_two_steps,
    "optimizers.momentum-terminal-step": _momentum_terminal_step,
    "optimizers.nag-two-steps-by-hand": _nag_two_steps,
    "optimizers.adagrad-second-step-size": _adagrad_second_step,
    "optimizers.adadelta-first-step-size": _adadelta_first_step,
    "optimizers.rmsprop-first-step-size": _rmsprop_first_step,
    "optimizers.adam-two-steps-by-hand": _adam_two_steps,
    "math.newton-two-steps-exp": _newton_two_steps,
    "math.gd-quadratic-stability-threshold": _gd_stability_threshold,
    "normalization.bn-backward-dx-by-hand": _bn_dx,
    "normalization.bn-dgamma-by-hand": _bn_dgamma,
    "normalization.conv-bn-trainable-params": _conv_bn_params,
    "normalization.bn2d-values-per-statistic": _bn2d_count,
    "normalization.bn-fold-into-conv-bias": _bn_fold_bias,
    "training.minibatch-gradient-noise-std": _minibatch_noise_std,
    "convolution.fc-vs-conv-param-count": _fc_params,
    "convolution.resnet-stem-output-size": _resnet_stem_size,
    "architectures.resnext-block-params": _resnext_params,
    "architectures.inception-1x1-reduction-macs": _inception_macs,
    "architectures.inception-asymmetric-factorization": _asymmetric_saving,
    "architectures.densenet-transition-channels": _densenet_channels,
    "losses.smooth-l1-sigma-to-beta": _sigma_to_beta,
    "losses.sigmoid-mse-vs-bce-gradient": _sigmoid_mse_grad,
    "losses.multilabel-bce-by-hand": _multilabel_bce,
    "classical-ml.logistic-regression-gradient-by-hand": _lr_grad_w2,
}


test_files_exist, test_every_numeric_question_is_recomputed, test_numeric_value = recomputation_tests(SEED, COMPUTE)

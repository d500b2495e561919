"""Grader cases and known mistakes: "Normalization".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases aimed
at the classic bugs (batch of 1 and 2, where biased and unbiased variance differ
most; constant columns; a custom eps; non-square maps; num_groups = 1 and = C).
"""

from __future__ import annotations

import numpy as np

from reference_impls import normalization as ref

from ..spec import Case, FunctionSpec, Mistake


def _f(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


def _norm(x, axes, eps, ddof=0):
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True, ddof=ddof)
    return (x - mean) / np.sqrt(var + eps)


def _norm_eps_outside(x, axes, eps):
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=axes, keepdims=True)
    return (x - mean) / (x.std(axis=axes, keepdims=True) + eps)


# ================================================================ batchnorm_forward


def _bn_params(rng: np.random.Generator, d: int):
    return rng.normal(size=d), rng.normal(size=d)


def _batchnorm_forward_cases(rng: np.random.Generator) -> list[Case]:
    tiny = _f([[1.0, 2.0, -1.0], [1.0 + 1e-3, 2.0, -1.0 - 2e-3], [1.0 - 1e-3, 2.0, -1.0 + 2e-3]])
    return [
        Case("fixed 2x2, gamma 1, beta 0", (_f([[1.0, 2.0], [3.0, 6.0]]), np.ones(2), np.zeros(2))),
        Case(
            "fixed 3x2 with gamma and beta",
            (_f([[0.0, 1.0], [1.0, 1.0], [2.0, 4.0]]), _f([2.0, 1.0]), _f([0.5, -1.0])),
        ),
        Case("random (4, 3)", (rng.normal(size=(4, 3)), *_bn_params(rng, 3))),
        Case("random (8, 5), offset and scale", (5.0 + 3.0 * rng.normal(size=(8, 5)), *_bn_params(rng, 5))),
        Case("random (16, 2)", (rng.normal(size=(16, 2)), *_bn_params(rng, 2))),
        Case("batch of 2", (rng.normal(size=(2, 4)), *_bn_params(rng, 4))),
        Case("batch of 1", (rng.normal(size=(1, 3)), *_bn_params(rng, 3))),
        Case(
            "constant column",
            (np.column_stack([rng.normal(size=5), np.full(5, 3.0)]), _f([1.0, 2.0]), _f([0.0, 0.5])),
        ),
        Case("eps = 0.5", (rng.normal(size=(4, 3)), np.ones(3), np.zeros(3)), {"eps": 0.5}),
        Case("tiny variance (eps matters)", (tiny, np.ones(3), np.zeros(3))),
    ]


def _bn_unbiased(x, gamma, beta, eps=1e-5):
    return np.asarray(gamma) * _norm(x, 0, eps, ddof=1) + np.asarray(beta)


def _bn_eps_outside(x, gamma, beta, eps=1e-5):
    return np.asarray(gamma) * _norm_eps_outside(x, 0, eps) + np.asarray(beta)


def _bn_per_sample(x, gamma, beta, eps=1e-5):
    return np.asarray(gamma) * _norm(x, 1, eps) + np.asarray(beta)


# ================================================================ batchnorm_backward


def _batchnorm_backward_cases(rng: np.random.Generator) -> list[Case]:
    def rnd(n, d, scale=1.0):
        return (rng.normal(size=(n, d)), scale * rng.normal(size=(n, d)) + 1.0, rng.normal(size=d))

    xc = rng.normal(size=(4, 2))
    xc[:, 1] = -2.0
    return [
        Case("fixed 2x2, gamma 1", (_f([[1.0, 0.0], [0.0, 1.0]]), _f([[1.0, 2.0], [3.0, 6.0]]), np.ones(2))),
        Case(
            "fixed 3x2 with gamma",
            (
                _f([[1.0, -1.0], [0.0, 2.0], [2.0, 0.5]]),
                _f([[0.0, 1.0], [1.0, 1.0], [2.0, 4.0]]),
                _f([2.0, -1.0]),
            ),
        ),
        Case("random (4, 3)", rnd(4, 3)),
        Case("random (6, 5), scaled x", rnd(6, 5, scale=3.0)),
        Case("random (10, 2)", rnd(10, 2)),
        Case("batch of 2", rnd(2, 3)),
        Case("batch of 1", rnd(1, 3)),
        Case("constant column", (rng.normal(size=(4, 2)), xc, _f([1.5, 0.5]))),
        Case(
            "dout constant per column",
            (np.tile(_f([1.0, -2.0, 0.5]), (5, 1)), rng.normal(size=(5, 3)), np.ones(3)),
        ),
        Case("eps = 0.1", rnd(4, 2), {"eps": 0.1}),
    ]


def _bnb_stats_as_constants(dout, x, gamma, eps=1e-5):
    dout, x, gamma = _f(dout), _f(x), _f(gamma)
    xhat = _norm(x, 0, eps)
    dx = dout * gamma / np.sqrt(x.var(axis=0) + eps)
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)


def _bnb_missing_var_path(dout, x, gamma, eps=1e-5):
    dout, x, gamma = _f(dout), _f(x), _f(gamma)
    xhat = _norm(x, 0, eps)
    dxhat = dout * gamma
    dx = (dxhat - dxhat.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)


def _bnb_dgamma_raw_x(dout, x, gamma, eps=1e-5):
    dx, _, dbeta = ref.batchnorm_backward(dout, x, gamma, eps)
    return dx, (_f(dout) * _f(x)).sum(axis=0), dbeta


def _bnb_unbiased(dout, x, gamma, eps=1e-5):
    """The exact gradient of a forward pass that (wrongly) used the unbiased variance."""
    dout, x, gamma = _f(dout), _f(x), _f(gamma)
    n = x.shape[0]
    var = x.var(axis=0, ddof=1)
    inv = 1.0 / np.sqrt(var + eps)
    xhat = (x - x.mean(axis=0)) * inv
    dxhat = dout * gamma
    dx = inv * (dxhat - dxhat.mean(axis=0) - xhat * (dxhat * xhat).sum(axis=0) / (n - 1))
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)


# ================================================================ batchnorm2d_forward


def _batchnorm2d_cases(rng: np.random.Generator) -> list[Case]:
    const = rng.normal(size=(2, 2, 3, 3))
    const[:, 1] = 4.0
    return [
        Case("fixed (2, 1, 2, 2)", (np.arange(8.0).reshape(2, 1, 2, 2), np.ones(1), np.zeros(1))),
        Case(
            "fixed (1, 2, 2, 2) with gamma and beta",
            (_f([[[[1.0, 2.0], [3.0, 4.0]], [[0.0, 0.0], [2.0, 2.0]]]]), _f([1.0, 2.0]), _f([0.0, 1.0])),
        ),
        Case("random (2, 3, 4, 4)", (rng.normal(size=(2, 3, 4, 4)), *_bn_params(rng, 3))),
        Case("random (4, 2, 3, 3), offset", (2.0 + rng.normal(size=(4, 2, 3, 3)), *_bn_params(rng, 2))),
        Case("non-square maps (2, 2, 3, 5)", (rng.normal(size=(2, 2, 3, 5)), *_bn_params(rng, 2))),
        Case("batch of 1", (rng.normal(size=(1, 3, 2, 2)), *_bn_params(rng, 3))),
        Case("1x1 spatial maps", (rng.normal(size=(4, 3, 1, 1)), *_bn_params(rng, 3))),
        Case("constant channel", (const, _f([1.0, 2.0]), _f([0.0, -1.0]))),
        Case("eps = 0.1", (rng.normal(size=(2, 2, 2, 3)), np.ones(2), np.zeros(2)), {"eps": 0.1}),
    ]


def _bn2d_affine(xhat, gamma, beta):
    return _f(gamma).reshape(1, -1, 1, 1) * xhat + _f(beta).reshape(1, -1, 1, 1)


def _bn2d_per_position(x, gamma, beta, eps=1e-5):
    return _bn2d_affine(_norm(x, 0, eps), gamma, beta)


def _bn2d_flat_reshape(x, gamma, beta, eps=1e-5):
    x = _f(x)
    c = x.shape[1]
    xhat = _norm(x.reshape(-1, c), 0, eps).reshape(x.shape)
    return _bn2d_affine(xhat, gamma, beta)


def _bn2d_instance(x, gamma, beta, eps=1e-5):
    return _bn2d_affine(_norm(x, (2, 3), eps), gamma, beta)


def _bn2d_unbiased(x, gamma, beta, eps=1e-5):
    return _bn2d_affine(_norm(x, (0, 2, 3), eps, ddof=1), gamma, beta)


# ================================================================ batchnorm_eval


def _batchnorm_eval_cases(rng: np.random.Generator) -> list[Case]:
    def rnd(n, d):
        return (
            rng.normal(size=(n, d)),
            rng.normal(size=d),
            rng.uniform(0.2, 3.0, size=d),
            *_bn_params(rng, d),
        )

    return [
        Case(
            "fixed 2x2, running stats 0 and 1",
            (_f([[1.0, -2.0], [0.5, 3.0]]), np.zeros(2), np.ones(2), np.ones(2), np.zeros(2)),
        ),
        Case(
            "fixed 2x3 with running stats",
            (
                _f([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]),
                _f([1.0, 0.0, 2.0]),
                _f([4.0, 1.0, 0.25]),
                _f([1.0, 2.0, 1.0]),
                _f([0.0, 0.0, 1.0]),
            ),
        ),
        Case("random (4, 3)", rnd(4, 3)),
        Case("random (6, 5)", rnd(6, 5)),
        Case("random (3, 2)", rnd(3, 2)),
        Case("batch of 1", rnd(1, 4)),
        Case(
            "running variance near 0",
            (rng.normal(size=(3, 2)), _f([0.0, 1.0]), _f([1e-6, 1e-4]), np.ones(2), np.zeros(2)),
        ),
        Case("eps = 0.1", rnd(3, 3), {"eps": 0.1}),
    ]


def _bne_batch_stats(x, running_mean, running_var, gamma, beta, eps=1e-5):
    return _f(gamma) * _norm(x, 0, eps) + _f(beta)


def _bne_no_sqrt(x, running_mean, running_var, gamma, beta, eps=1e-5):
    return _f(gamma) * (_f(x) - _f(running_mean)) / (_f(running_var) + eps) + _f(beta)


def _bne_eps_outside(x, running_mean, running_var, gamma, beta, eps=1e-5):
    return _f(gamma) * (_f(x) - _f(running_mean)) / (np.sqrt(_f(running_var)) + eps) + _f(beta)


# ================================================================ update_running_stats


def _running_stats_cases(rng: np.random.Generator) -> list[Case]:
    def rnd(n, d):
        return (rng.normal(size=d), rng.uniform(0.5, 2.0, size=d), 1.0 + 2.0 * rng.normal(size=(n, d)))

    const = rng.normal(size=(4, 2))
    const[:, 0] = 7.0
    return [
        Case("fixed N = 2, momentum 0.1", (np.zeros(2), np.ones(2), _f([[1.0, 2.0], [3.0, 6.0]]))),
        Case(
            "fixed N = 3, momentum 0.2", (_f([1.0]), _f([2.0]), _f([[0.0], [1.0], [2.0]])), {"momentum": 0.2}
        ),
        Case("random N = 5, D = 3", rnd(5, 3)),
        Case("random N = 8, momentum 0.3", rnd(8, 4), {"momentum": 0.3}),
        Case("random N = 3, momentum 0.01", (*rnd(3, 2), 0.01)),
        Case("batch of 2", rnd(2, 3)),
        Case("momentum = 1 replaces the stats", rnd(4, 2), {"momentum": 1.0}),
        Case("momentum = 0 keeps the stats", rnd(4, 2), {"momentum": 0.0}),
        Case("constant column", (np.zeros(2), np.ones(2), const)),
    ]


def _rs_biased(running_mean, running_var, x, momentum=0.1):
    x = _f(x)
    return (
        (1 - momentum) * _f(running_mean) + momentum * x.mean(axis=0),
        (1 - momentum) * _f(running_var) + momentum * x.var(axis=0),
    )


def _rs_keras(running_mean, running_var, x, momentum=0.1):
    x = _f(x)
    return (
        momentum * _f(running_mean) + (1 - momentum) * x.mean(axis=0),
        momentum * _f(running_var) + (1 - momentum) * x.var(axis=0, ddof=1),
    )


# ================================================================ layer / instance / group norm


def _layer_norm_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 2x3", (_f([[1.0, 2.0, 3.0], [2.0, 4.0, 9.0]]),)),
        Case("fixed constant row", (_f([[5.0, 5.0, 5.0], [0.0, 1.0, -1.0]]),)),
        Case("random (4, 5)", (rng.normal(size=(4, 5)),)),
        Case("random (2, 3, 4)", (rng.normal(size=(2, 3, 4)),)),
        Case("random (2, 3, 2, 2)", (rng.normal(size=(2, 3, 2, 2)),)),
        Case("batch of 1", (rng.normal(size=(1, 6)),)),
        Case("single feature (3, 1)", (rng.normal(size=(3, 1)),)),
        Case("large offset 1e3", (1e3 + rng.normal(size=(3, 4)),)),
        Case("eps = 0.1", (rng.normal(size=(3, 2, 2)),), {"eps": 0.1}),
    ]


def _ln_last_axis(x, eps=1e-5):
    return _norm(x, -1, eps)


def _ln_batch_axis(x, eps=1e-5):
    return _norm(x, 0, eps)


def _ln_unbiased(x, eps=1e-5):
    x = _f(x)
    return _norm(x, tuple(range(1, x.ndim)), eps, ddof=1)


def _instance_norm_cases(rng: np.random.Generator) -> list[Case]:
    const = rng.normal(size=(2, 2, 3, 3))
    const[1, 0] = -3.0
    return [
        Case("fixed (1, 1, 2, 2)", (_f([[[[1.0, 2.0], [3.0, 4.0]]]]),)),
        Case("fixed (1, 2, 2, 2)", (_f([[[[0.0, 2.0], [0.0, 2.0]], [[1.0, 1.0], [1.0, 5.0]]]]),)),
        Case("random (2, 3, 4, 4)", (rng.normal(size=(2, 3, 4, 4)),)),
        Case("random (3, 2, 3, 3), offset", (3.0 + rng.normal(size=(3, 2, 3, 3)),)),
        Case("non-square maps (2, 2, 3, 5)", (rng.normal(size=(2, 2, 3, 5)),)),
        Case("batch of 1", (rng.normal(size=(1, 3, 2, 2)),)),
        Case("constant map", (const,)),
        Case("1x1 spatial maps", (rng.normal(size=(2, 3, 1, 1)),)),
        Case("eps = 0.1", (rng.normal(size=(2, 2, 2, 2)),), {"eps": 0.1}),
    ]


def _in_layer_stats(x, eps=1e-5):
    return _norm(x, (1, 2, 3), eps)


def _in_batch_stats(x, eps=1e-5):
    return _norm(x, (0, 2, 3), eps)


def _in_unbiased(x, eps=1e-5):
    return _norm(x, (2, 3), eps, ddof=1)


def _group_norm_cases(rng: np.random.Generator) -> list[Case]:
    const = rng.normal(size=(2, 4, 2, 2))
    const[0, 2:] = 1.5
    return [
        Case(
            "fixed (1, 4, 1, 2), 2 groups",
            (_f([[[[0.0, 2.0]], [[4.0, 6.0]], [[1.0, 1.0]], [[1.0, 5.0]]]]), 2),
        ),
        Case("fixed (1, 2, 2, 2), 1 group", (_f([[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]]), 1)),
        Case("random C = 4, 2 groups", (rng.normal(size=(2, 4, 3, 3)), 2)),
        Case("random C = 6, 3 groups", (rng.normal(size=(2, 6, 2, 3)), 3)),
        Case("random C = 8, 4 groups", (1.0 + rng.normal(size=(1, 8, 2, 2)), 4)),
        Case("num_groups = 1 (layer norm)", (rng.normal(size=(2, 4, 2, 2)), 1)),
        Case("num_groups = C (instance norm)", (rng.normal(size=(2, 3, 2, 2)), 3)),
        Case("non-square maps (2, 6, 3, 5)", (rng.normal(size=(2, 6, 3, 5)), 2)),
        Case("batch of 1", (rng.normal(size=(1, 6, 2, 2)), 3)),
        Case("constant group", (const, 2)),
        Case("eps = 0.1", (rng.normal(size=(2, 4, 2, 2)), 2), {"eps": 0.1}),
    ]


def _gn_interleaved(x, num_groups, eps=1e-5):
    x = _f(x)
    n, c, h, w = x.shape
    xg = x.reshape(n, c // num_groups, num_groups, h, w)  # channel k lands in group k % num_groups
    return _norm(xg, (1, 3, 4), eps).reshape(n, c, h, w)


def _gn_group_size(x, num_groups, eps=1e-5):
    x = _f(x)
    n, c, h, w = x.shape
    xg = x.reshape(n, c // num_groups, num_groups, h, w)  # groups of num_groups channels
    return _norm(xg, (2, 3, 4), eps).reshape(n, c, h, w)


def _gn_unbiased(x, num_groups, eps=1e-5):
    x = _f(x)
    n, c, h, w = x.shape
    xg = x.reshape(n, num_groups, c // num_groups, h, w)
    return _norm(xg, (2, 3, 4), eps, ddof=1).reshape(n, c, h, w)


# ================================================================ specs

_UNBIASED_EN = (
    "The variance is the unbiased one (ddof=1, dividing by n - 1); normalization layers use the biased "
    "(population) variance, dividing by n."
)
_UNBIASED_ZH = "用了无偏方差（ddof=1，除以 n - 1）；归一化层用的是有偏（总体）方差，除以 n。"
_EPS_OUTSIDE_EN = "eps belongs inside the square root: divide by sqrt(var + eps), not by sqrt(var) + eps."
_EPS_OUTSIDE_ZH = "eps 应该在根号里面：除以 sqrt(var + eps)，而不是 sqrt(var) + eps。"

SPECS: list[FunctionSpec] = [
    FunctionSpec(
        function="batchnorm_forward",
        reference=ref.batchnorm_forward,
        cases=_batchnorm_forward_cases,
        mistakes=(
            Mistake("unbiased_variance", _bn_unbiased, _UNBIASED_EN, _UNBIASED_ZH),
            Mistake("eps_outside_sqrt", _bn_eps_outside, _EPS_OUTSIDE_EN, _EPS_OUTSIDE_ZH),
            Mistake(
                "normalized_per_sample",
                _bn_per_sample,
                "The statistics were taken over each sample's features (axis 1, that is layer norm); "
                "batch norm takes them per feature over the batch, axis 0.",
                "统计量是在每个样本的特征上算的（axis 1，这是 layer norm）；"
                "批归一化要对每个特征沿 batch 维（axis 0）统计。",
            ),
        ),
    ),
    FunctionSpec(
        function="batchnorm_backward",
        reference=ref.batchnorm_backward,
        cases=_batchnorm_backward_cases,
        mistakes=(
            Mistake(
                "stats_as_constants",
                _bnb_stats_as_constants,
                "dx treats the batch mean and variance as constants; they depend on x, which adds the terms "
                "-mean(dxhat) and -xhat*mean(dxhat*xhat) inside the bracket.",
                "求 dx 时把 batch 的均值和方差当成了常数；它们依赖于 x，"
                "括号里还要减去 mean(dxhat) 和 xhat*mean(dxhat*xhat)。",
            ),
            Mistake(
                "missing_variance_path",
                _bnb_missing_var_path,
                "The gradient through the mean is there but the one through the variance is missing: "
                "subtract xhat * mean(dxhat * xhat) as well.",
                "考虑了经过均值的梯度，却漏了经过方差的那一项：还要减去 xhat * mean(dxhat * xhat)。",
            ),
            Mistake(
                "dgamma_uses_raw_x",
                _bnb_dgamma_raw_x,
                "dgamma is sum(dout * xhat) with the normalized x, not sum(dout * x).",
                "dgamma 应是 sum(dout * xhat)，用归一化之后的 xhat，而不是原始 x。",
            ),
            Mistake("unbiased_variance", _bnb_unbiased, _UNBIASED_EN, _UNBIASED_ZH),
        ),
    ),
    FunctionSpec(
        function="batchnorm2d_forward",
        reference=ref.batchnorm2d_forward,
        cases=_batchnorm2d_cases,
        mistakes=(
            Mistake(
                "per_position_stats",
                _bn2d_per_position,
                "The statistics were taken over the batch axis only, one pair per pixel; "
                "spatial batch norm pools N, H and W for each channel: axis=(0, 2, 3).",
                "只在 batch 维上统计，每个像素位置各有一组均值方差；"
                "空间批归一化要对每个通道在 N、H、W 上一起统计：axis=(0, 2, 3)。",
            ),
            Mistake(
                "reshape_without_transpose",
                _bn2d_flat_reshape,
                "x.reshape(-1, C) on an NCHW array mixes channels; move C last first "
                "(x.transpose(0, 2, 3, 1).reshape(-1, C)) or reduce over axis=(0, 2, 3).",
                "对 NCHW 数组直接 reshape(-1, C) 会把不同通道混在一起；"
                "要先把 C 换到最后（transpose(0, 2, 3, 1)）再 reshape，或直接在 axis=(0, 2, 3) 上求统计量。",
            ),
            Mistake(
                "per_instance_stats",
                _bn2d_instance,
                "The statistics were taken per sample and channel (that is instance norm); "
                "batch norm shares them across the whole batch: axis=(0, 2, 3).",
                "统计量是按每个样本、每个通道分别算的（这是 instance norm）；"
                "批归一化要在整个 batch 上共享：axis=(0, 2, 3)。",
            ),
            Mistake("unbiased_variance", _bn2d_unbiased, _UNBIASED_EN, _UNBIASED_ZH),
        ),
    ),
    FunctionSpec(
        function="batchnorm_eval",
        reference=ref.batchnorm_eval,
        cases=_batchnorm_eval_cases,
        mistakes=(
            Mistake(
                "uses_batch_statistics",
                _bne_batch_stats,
                "In inference mode the running mean and variance replace the batch statistics; "
                "otherwise the output depends on the other samples in the batch.",
                "推理模式下要用 running mean 和 running var 代替当前 batch 的统计量，"
                "否则输出会受同一 batch 里其他样本影响。",
            ),
            Mistake(
                "forgot_sqrt",
                _bne_no_sqrt,
                "running_var is a variance: divide by sqrt(running_var + eps), not by running_var + eps.",
                "running_var 是方差：应除以 sqrt(running_var + eps)，而不是 running_var + eps。",
            ),
            Mistake("eps_outside_sqrt", _bne_eps_outside, _EPS_OUTSIDE_EN, _EPS_OUTSIDE_ZH),
        ),
    ),
    FunctionSpec(
        function="update_running_stats",
        reference=ref.update_running_stats,
        cases=_running_stats_cases,
        mistakes=(
            Mistake(
                "biased_batch_variance",
                _rs_biased,
                "PyTorch feeds the UNBIASED batch variance (ddof=1) into running_var, "
                "although it normalizes the batch with the biased one.",
                "PyTorch 更新 running_var 时用的是无偏的 batch 方差（ddof=1），"
                "虽然归一化当前 batch 时用的是有偏方差。",
            ),
            Mistake(
                "keras_momentum",
                _rs_keras,
                "This is the Keras/TensorFlow form (momentum weights the OLD value); in PyTorch "
                "new = (1 - momentum) * old + momentum * batch, "
                "so momentum = 0.1 moves 10% toward the batch.",
                "这是 Keras/TensorFlow 的写法（momentum 乘旧值）；PyTorch 中 "
                "new = (1 - momentum) * old + momentum * batch，momentum = 0.1 表示向当前 batch 移动 10%。",
            ),
        ),
    ),
    FunctionSpec(
        function="layer_norm",
        reference=ref.layer_norm,
        cases=_layer_norm_cases,
        mistakes=(
            Mistake(
                "last_axis_only",
                _ln_last_axis,
                "Only the last axis was normalized; here each sample is normalized over ALL its axes "
                "(axis=tuple(range(1, x.ndim))).",
                "只在最后一维上归一化了；"
                "这里每个样本要在除 axis 0 以外的所有维度上归一化（axis=tuple(range(1, x.ndim))）。",
            ),
            Mistake(
                "batch_axis",
                _ln_batch_axis,
                "The statistics were taken over the batch (axis 0, that is batch norm); "
                "layer norm normalizes each sample on its own.",
                "在 batch 维（axis 0）上求了统计量，那是批归一化；层归一化对每个样本单独归一化。",
            ),
            Mistake("unbiased_variance", _ln_unbiased, _UNBIASED_EN, _UNBIASED_ZH),
        ),
    ),
    FunctionSpec(
        function="instance_norm",
        reference=ref.instance_norm,
        cases=_instance_norm_cases,
        mistakes=(
            Mistake(
                "layer_norm_stats",
                _in_layer_stats,
                "The statistics pool all channels of a sample (layer norm); "
                "instance norm uses each (n, c) map alone: axis=(2, 3).",
                "把一个样本的所有通道放在一起统计了（这是 layer norm）；"
                "instance norm 对每个 (n, c) 特征图单独统计：axis=(2, 3)。",
            ),
            Mistake(
                "batch_norm_stats",
                _in_batch_stats,
                "The statistics pool the batch (batch norm); instance norm never mixes samples: axis=(2, 3).",
                "统计量跨了 batch（这是批归一化）；instance norm 不会混合不同样本：axis=(2, 3)。",
            ),
            Mistake("unbiased_variance", _in_unbiased, _UNBIASED_EN, _UNBIASED_ZH),
        ),
    ),
    FunctionSpec(
        function="group_norm",
        reference=ref.group_norm,
        cases=_group_norm_cases,
        mistakes=(
            Mistake(
                "interleaved_groups",
                _gn_interleaved,
                "Channel k was put in group k % num_groups; groups are contiguous blocks of C // num_groups "
                "channels: x.reshape(N, num_groups, C // num_groups, H, W).",
                "把第 k 个通道分到了第 k % num_groups 组；分组应是连续的 C // num_groups 个通道："
                "x.reshape(N, num_groups, C // num_groups, H, W)。",
            ),
            Mistake(
                "num_groups_as_group_size",
                _gn_group_size,
                "num_groups was used as the number of channels per group; it is the number of groups, "
                "each holding C // num_groups channels.",
                "把 num_groups 当成了每组的通道数；它是组的个数，每组有 C // num_groups 个通道。",
            ),
            Mistake("unbiased_variance", _gn_unbiased, _UNBIASED_EN, _UNBIASED_ZH),
        ),
    ),
]

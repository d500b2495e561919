"""Grader cases and known mistakes: "Regularization and training".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases aimed
at the classic bugs (p = 0, p = 1, training=False and u == p for dropout;
no clipping needed, all-zero gradients and per-tensor clipping for
clip_grad_norm; fan_in = 1 and very unequal fans for the init helpers).
"""

from __future__ import annotations

import math

import numpy as np

from reference_impls import regularization as ref

from ..spec import Case, FunctionSpec, Mistake


def _f(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


# ================================================================ dropout


def _dropout_cases(rng: np.random.Generator) -> list[Case]:
    x_fixed = _f([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    u_fixed = _f([[0.9, 0.1, 0.6], [0.3, 0.7, 0.2]])
    return [
        Case("fixed 2x3, p = 0.5", (x_fixed, 0.5, u_fixed)),
        Case("fixed 1-D, p = 0.25", (_f([4.0, -8.0, 2.0, 1.0]), 0.25, _f([0.5, 0.1, 0.99, 0.3]))),
        Case("random (4, 5), p = 0.3", (rng.normal(size=(4, 5)), 0.3, rng.uniform(size=(4, 5)))),
        Case("random (3, 2, 4), p = 0.7", (rng.normal(size=(3, 2, 4)), 0.7, rng.uniform(size=(3, 2, 4)))),
        Case("random (10,), p = 0.1", (rng.normal(size=10), 0.1, rng.uniform(size=10))),
        Case("u equal to p is kept", (_f([1.0, 2.0, 3.0, 4.0]), 0.25, _f([0.25, 0.75, 0.2, 0.25]))),
        Case("p = 0 keeps everything", (rng.normal(size=(2, 3)), 0.0, rng.uniform(size=(2, 3)))),
        Case("p = 1 gives zeros", (rng.normal(size=(2, 3)), 1.0, rng.uniform(size=(2, 3)))),
        Case(
            "training=False returns x",
            (rng.normal(size=(3, 4)), 0.4, rng.uniform(size=(3, 4))),
            {"training": False},
        ),
        Case("training=False with p = 0.8", (rng.normal(size=(2, 2)), 0.8, rng.uniform(size=(2, 2)), False)),
        Case("batch of 1", (rng.normal(size=(1, 6)), 0.5, rng.uniform(size=(1, 6)))),
    ]


def _dropout_strict(x, p, u, training=True):
    x = _f(x)
    if not training:
        return x.copy()
    if p >= 1:
        return np.zeros_like(x)
    return np.where(_f(u) > p, x / (1 - p), 0.0)


def _dropout_no_rescale(x, p, u, training=True):
    x = _f(x)
    if not training:
        return x.copy()
    return np.where(_f(u) >= p, x, 0.0)


def _dropout_vanilla(x, p, u, training=True):
    x = _f(x)
    if not training:
        return x * (1 - p)
    return np.where(_f(u) >= p, x, 0.0)


def _dropout_keep_prob(x, p, u, training=True):
    x = _f(x)
    if not training:
        return x.copy()
    if p <= 0:
        return np.zeros_like(x)
    return np.where(_f(u) < p, x / p, 0.0)


# ================================================================ clip_grad_norm


def _clip_cases(rng: np.random.Generator) -> list[Case]:
    def grads(*shapes, scale=1.0):
        return [scale * rng.normal(size=s) for s in shapes]

    return [
        Case("fixed [3, 4] clipped to 1", ([_f([3.0, 4.0])], 1.0)),
        Case("fixed two arrays, no clipping needed", ([_f([1.0, 2.0]), _f([[2.0]])], 10.0)),
        Case("random 3 arrays, clipped", (grads((3, 2), (4,), (2, 2, 2)), 1.0)),
        Case("random 2 arrays, large max_norm", (grads((5,), (2, 3)), 100.0)),
        Case("random 4 arrays, max_norm 0.1", (grads((2,), (3,), (1, 4), (2, 2)), 0.1)),
        Case("norm exactly max_norm", ([_f([3.0]), _f([[4.0]])], 5.0)),
        Case("all-zero gradients", ([np.zeros(3), np.zeros((2, 2))], 1.0)),
        Case("single 2-D array", (grads((3, 4), scale=2.0), 2.5)),
        Case(
            "each array small, global norm large",
            ([_f([0.6, 0.8]), _f([[0.0, 0.9]]), _f([0.5, 0.5, 0.5])], 1.2),
        ),
        Case("arrays of very different sizes", (grads((1,), (20,), scale=3.0), 4.0)),
    ]


def _clip_per_tensor(grads, max_norm):
    gs = [_f(g) for g in grads]
    norm = math.sqrt(sum(float(np.sum(g * g)) for g in gs))
    out = []
    for g in gs:
        n = float(np.sqrt(np.sum(g * g)))
        out.append(g * (max_norm / n) if n > max_norm else g.copy())
    return out, norm


def _clip_norm_after(grads, max_norm):
    clipped, _ = ref.clip_grad_norm(grads, max_norm)
    return clipped, math.sqrt(sum(float(np.sum(g * g)) for g in clipped))


def _clip_always_rescale(grads, max_norm):
    gs = [_f(g) for g in grads]
    norm = math.sqrt(sum(float(np.sum(g * g)) for g in gs))
    with np.errstate(all="ignore"):
        scale = np.float64(max_norm) / norm
    return [g * scale for g in gs], norm


def _clip_sum_of_norms(grads, max_norm):
    gs = [_f(g) for g in grads]
    norm = sum(float(np.sqrt(np.sum(g * g))) for g in gs)
    if norm > max_norm:
        return [g * (max_norm / norm) for g in gs], norm
    return [g.copy() for g in gs], norm


# ================================================================ init helpers


def _xavier_cases(rng: np.random.Generator) -> list[Case]:
    rand = [tuple(int(v) for v in rng.integers(1, 1025, size=2)) for _ in range(4)]
    return [
        Case("fixed fan_in = fan_out = 3 (a = 1)", (3, 3)),
        Case("fixed 10 -> 20", (10, 20)),
        *(Case(f"random fans {i + 1}", r) for i, r in enumerate(rand)),
        Case("fan_in = fan_out = 1", (1, 1)),
        Case("very unequal fans 784 -> 10", (784, 10)),
        Case("large layer 4096 -> 4096", (4096, 4096)),
    ]


def _xavier_normal_std(fan_in, fan_out):
    return math.sqrt(2.0 / (fan_in + fan_out))


def _xavier_fan_in_only(fan_in, fan_out):
    return math.sqrt(6.0 / fan_in)


def _xavier_no_sqrt(fan_in, fan_out):
    return 6.0 / (fan_in + fan_out)


def _he_cases(rng: np.random.Generator) -> list[Case]:
    rand = [int(v) for v in rng.integers(3, 2049, size=4)]
    return [
        Case("fixed fan_in = 2 (std = 1)", (2,)),
        Case("fixed fan_in = 8 (std = 0.5)", (8,)),
        *(Case(f"random fan_in {i + 1}", (r,)) for i, r in enumerate(rand)),
        Case("fan_in = 1", (1,)),
        Case("3x3 conv over 64 channels (fan_in = 576)", (576,)),
        Case("large fan_in = 4096", (4096,)),
    ]


def _he_lecun(fan_in):
    return math.sqrt(1.0 / fan_in)


def _he_no_sqrt(fan_in):
    return 2.0 / fan_in


def _he_uniform_bound(fan_in):
    return math.sqrt(6.0 / fan_in)


# ================================================================ specs

SPECS: list[FunctionSpec] = [
    FunctionSpec(
        function="dropout",
        reference=ref.dropout,
        cases=_dropout_cases,
        mistakes=(
            Mistake(
                "keep_where_u_greater",
                _dropout_strict,
                "An element is kept where u >= p (so P(keep) = 1 - p exactly on [0, 1)); "
                "u > p drops the values with u == p.",
                "保留条件是 u >= p（这样在 [0, 1) 上保留概率恰为 1 - p）；"
                "写成 u > p 会把 u == p 的元素丢掉。",
            ),
            Mistake(
                "no_rescale",
                _dropout_no_rescale,
                "Inverted dropout scales the kept values by 1 / (1 - p) during training, "
                "so the expected output equals x and nothing changes at test time.",
                "inverted dropout 在训练时要把保留的值乘以 1 / (1 - p)，"
                "这样输出的期望等于 x，测试时就不用再做任何处理。",
            ),
            Mistake(
                "scaled_at_test_time",
                _dropout_vanilla,
                "This is the original (non-inverted) dropout: "
                "no scaling in training, x * (1 - p) at test time; "
                "the catalogue asks for inverted dropout, which scales by 1 / (1 - p) in training "
                "and returns x unchanged at test time.",
                "这是原始（非 inverted）dropout：训练时不缩放，测试时乘 (1 - p)；"
                "题目要求 inverted dropout：训练时乘 1 / (1 - p)，测试时原样返回 x。",
            ),
            Mistake(
                "p_as_keep_probability",
                _dropout_keep_prob,
                "p is the DROP probability (PyTorch's convention), not the keep probability "
                "of TensorFlow 1's keep_prob: keep where u >= p and scale by 1 / (1 - p).",
                "p 是丢弃概率（PyTorch 的约定），不是 TensorFlow 1 里 keep_prob 那样的保留概率："
                "应在 u >= p 处保留并乘以 1 / (1 - p)。",
            ),
        ),
    ),
    FunctionSpec(
        function="clip_grad_norm",
        reference=ref.clip_grad_norm,
        cases=_clip_cases,
        mistakes=(
            Mistake(
                "per_tensor_clipping",
                _clip_per_tensor,
                "Each array was clipped by its own norm; clip_grad_norm uses ONE global norm over all arrays "
                "and scales them all by the same factor, which keeps the update's direction.",
                "每个数组按自己的范数分别裁剪了；clip_grad_norm 要对所有数组算一个全局范数，"
                "并用同一个系数缩放，这样更新方向不变。",
            ),
            Mistake(
                "norm_after_clipping",
                _clip_norm_after,
                "The second output must be the total norm BEFORE clipping "
                "(useful for logging exploding gradients).",
                "第二个返回值应是裁剪之前的总范数（用于监控梯度爆炸）。",
            ),
            Mistake(
                "always_rescales",
                _clip_always_rescale,
                "Gradients are scaled only when their norm exceeds max_norm; "
                "smaller gradients must be returned unchanged, not scaled up.",
                "只有当范数超过 max_norm 时才缩放；范数较小的梯度要原样返回，不能被放大。",
            ),
            Mistake(
                "sum_of_norms",
                _clip_sum_of_norms,
                "The global norm is sqrt(sum of all squared entries), not the sum of the per-array norms.",
                "全局范数是所有元素平方和再开根号，而不是各个数组范数之和。",
            ),
        ),
    ),
    FunctionSpec(
        function="xavier_uniform_bound",
        reference=ref.xavier_uniform_bound,
        cases=_xavier_cases,
        mistakes=(
            Mistake(
                "normal_std_not_uniform_bound",
                _xavier_normal_std,
                "sqrt(2 / (fan_in + fan_out)) is the standard deviation (Xavier normal); "
                "U(-a, a) has variance a**2 / 3, so the bound is sqrt(6 / (fan_in + fan_out)).",
                "sqrt(2 / (fan_in + fan_out)) 是标准差（Xavier normal）；U(-a, a) 的方差是 a**2 / 3，"
                "所以边界为 sqrt(6 / (fan_in + fan_out))。",
            ),
            Mistake(
                "fan_in_only",
                _xavier_fan_in_only,
                "Glorot/Xavier averages the two fans: use fan_in + fan_out, not fan_in alone "
                "(sqrt(6 / fan_in) is the He uniform bound).",
                "Glorot/Xavier 初始化同时考虑两个 fan：用 fan_in + fan_out，"
                "而不是只用 fan_in（sqrt(6 / fan_in) 是 He uniform 的边界）。",
            ),
            Mistake(
                "missing_sqrt",
                _xavier_no_sqrt,
                "6 / (fan_in + fan_out) is a**2; the bound is its square root.",
                "6 / (fan_in + fan_out) 是 a**2；边界 a 要再开平方根。",
            ),
        ),
    ),
    FunctionSpec(
        function="he_normal_std",
        reference=ref.he_normal_std,
        cases=_he_cases,
        mistakes=(
            Mistake(
                "lecun_std",
                _he_lecun,
                "sqrt(1 / fan_in) is LeCun init; ReLU zeroes half of its inputs, "
                "so He init doubles the variance: "
                "sqrt(2 / fan_in).",
                "sqrt(1 / fan_in) 是 LeCun 初始化；ReLU 会把一半输入置零，"
                "所以 He 初始化把方差加倍：sqrt(2 / fan_in)。",
            ),
            Mistake(
                "missing_sqrt",
                _he_no_sqrt,
                "2 / fan_in is the variance; the standard deviation is its square root.",
                "2 / fan_in 是方差；标准差要开平方根。",
            ),
            Mistake(
                "uniform_bound",
                _he_uniform_bound,
                "sqrt(6 / fan_in) is the bound of He UNIFORM init; "
                "the normal version's std is sqrt(2 / fan_in).",
                "sqrt(6 / fan_in) 是 He uniform 初始化的边界；正态版本的标准差是 sqrt(2 / fan_in)。",
            ),
        ),
    ),
]

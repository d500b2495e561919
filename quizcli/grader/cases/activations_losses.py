"""Grader cases and known mistakes: "Activations and losses".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases aimed
at the classic bugs (|x| = 1e4 for the stable functions, the axis argument,
batch of 1, beta != 1, eps = 0 and eps = 1 ...).
"""

from __future__ import annotations

import numpy as np

from reference_impls import activations_losses as ref

from ..spec import Case, FunctionSpec, Mistake

# |x| = 1e4 rows: a clear winner, a tie at the top, all very negative, close values far from 0
_LARGE = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, -1e4], [-1e4, -1e4, -1e4], [-1e4, -1e4 + 1.0, -1e4 + 2.0]])


def _f(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


# ================================================================ softmax


def _softmax_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 2x3", (_f([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),)),
        Case("fixed 1-D [0, ln 3]", (_f([0.0, np.log(3.0)]),)),
        Case("random (4, 5)", (rng.normal(scale=2.0, size=(4, 5)),)),
        Case("random (3, 4), axis=0", (rng.normal(scale=2.0, size=(3, 4)),), {"axis": 0}),
        Case("random (2, 3, 4), axis=1", (rng.normal(scale=2.0, size=(2, 3, 4)),), {"axis": 1}),
        Case("random (2, 3, 4), default axis", (rng.normal(scale=2.0, size=(2, 3, 4)),)),
        Case("batch of 1 (1, 5)", (rng.normal(size=(1, 5)),)),
        Case("single column (5, 1)", (rng.normal(size=(5, 1)),)),
        Case("equal values in a row", (_f([[2.5, 2.5, 2.5, 2.5], [1.0, 1.0, 3.0, 3.0]]),)),
        Case("large |x| = 1e4", (_LARGE.copy(),)),
        Case("large |x| = 1e4, axis=0", (_LARGE.copy(),), {"axis": 0}),
        Case("all entries -1e4", (np.full((2, 3), -1e4),)),
    ]


def _softmax_no_shift(x, axis=-1):
    e = np.exp(np.asarray(x, dtype=np.float64))
    return e / np.sum(e, axis=axis, keepdims=True)


def _softmax_sum_all(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e)


def _softmax_ignore_axis(x, axis=-1):
    return ref.softmax(x, axis=-1)


# ================================================================ log_softmax


def _log_softmax_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 2x3", (_f([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),)),
        Case("fixed 1-D [0, ln 3]", (_f([0.0, np.log(3.0)]),)),
        Case("random (4, 5)", (rng.normal(scale=2.0, size=(4, 5)),)),
        Case("random (3, 4), axis=0", (rng.normal(scale=2.0, size=(3, 4)),), {"axis": 0}),
        Case("random (2, 3, 4), axis=1", (rng.normal(scale=2.0, size=(2, 3, 4)),), {"axis": 1}),
        Case("random offset 50 (5, 3)", (50.0 + rng.normal(size=(5, 3)),)),
        Case("batch of 1 (1, 5)", (rng.normal(size=(1, 5)),)),
        Case("equal values in a row", (_f([[2.5, 2.5, 2.5, 2.5], [1.0, 1.0, 3.0, 3.0]]),)),
        Case("large |x| = 1e4", (_LARGE.copy(),)),
        Case("large |x| = 1e4, axis=0", (_LARGE.copy(),), {"axis": 0}),
        Case("all entries -1e4", (np.full((2, 3), -1e4),)),
    ]


def _log_softmax_of_softmax(x, axis=-1):
    return np.log(ref.softmax(x, axis=axis))


def _log_softmax_no_shift(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    return x - np.log(np.sum(np.exp(x), axis=axis, keepdims=True))


def _log_softmax_max_not_added_back(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    z = x - np.max(x, axis=axis, keepdims=True)
    return x - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


def _log_softmax_ignore_axis(x, axis=-1):
    return ref.log_softmax(x, axis=-1)


# ================================================================ sigmoid


def _sigmoid_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed [-2, -1, 0, 1, 2]", (_f([-2.0, -1.0, 0.0, 1.0, 2.0]),)),
        Case("fixed 2x2", (_f([[0.0, np.log(3.0)], [-np.log(3.0), 4.0]]),)),
        Case("random (6,)", (rng.normal(scale=3.0, size=6),)),
        Case("random (3, 4)", (rng.normal(scale=5.0, size=(3, 4)),)),
        Case("random (2, 3, 2), wide range", (rng.normal(scale=30.0, size=(2, 3, 2)),)),
        Case("large positive x up to 1e4", (_f([50.0, 710.0, 800.0, 1e4]),)),
        Case("large negative x down to -1e4", (_f([-50.0, -710.0, -800.0, -1e4]),)),
        Case("mixed signs, |x| = 1e4", (_f([[-1e4, 1e4], [0.0, -745.0]]),)),
    ]


def _sigmoid_exp_ratio(x):
    e = np.exp(np.asarray(x, dtype=np.float64))
    return e / (1.0 + e)


def _sigmoid_tanh_no_half(x):
    return 0.5 * (1.0 + np.tanh(np.asarray(x, dtype=np.float64)))


def _sigmoid_sign_flipped(x):
    return ref.sigmoid(-np.asarray(x, dtype=np.float64))


# ================================================================ cross_entropy


def _labels(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    return rng.integers(0, c, size=n).astype(np.int64)


def _cross_entropy_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed 2x3", (_f([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]), np.array([2, 0]))),
        Case("fixed equal logits (loss = ln 2)", (_f([[0.0, 0.0]]), np.array([1]))),
        Case("random (5, 4)", (rng.normal(scale=2.0, size=(5, 4)), _labels(rng, 5, 4))),
        Case("random (8, 10)", (rng.normal(scale=2.0, size=(8, 10)), _labels(rng, 8, 10))),
        Case("random two classes (6, 2)", (rng.normal(scale=3.0, size=(6, 2)), _labels(rng, 6, 2))),
        Case("batch of 1", (rng.normal(size=(1, 4)), np.array([3]))),
        Case("every label the same class", (rng.normal(size=(4, 3)), np.array([1, 1, 1, 1]))),
        Case(
            "large |x| = 1e4, true class wins", (_f([[1e4, 0.0, -1e4], [-1e4, 1e4, 0.0]]), np.array([0, 1]))
        ),
        Case(
            "large |x| = 1e4, true class loses",
            (_f([[1e4, 0.0, -1e4], [-1e4, 1e4, 0.0], [5e3, 5e3, -1e4]]), np.array([2, 0, 2])),
        ),
    ]


def _ce_sum(logits, labels):
    n = np.asarray(logits).shape[0]
    return ref.cross_entropy(logits, labels) * n


def _ce_no_shift(logits, labels):
    x = np.asarray(logits, dtype=np.float64)
    logp = x - np.log(np.sum(np.exp(x), axis=1, keepdims=True))
    return float(-np.mean(logp[np.arange(x.shape[0]), np.asarray(labels)]))


def _ce_log_of_softmax(logits, labels):
    p = ref.softmax(logits, axis=1)
    return float(-np.mean(np.log(p[np.arange(p.shape[0]), np.asarray(labels)])))


def _ce_mean_over_all_entries(logits, labels):
    c = np.asarray(logits).shape[1]
    return ref.cross_entropy(logits, labels) / c


# ================================================================ bce_with_logits


def _bce_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed logits 0 (loss = ln 2)", (_f([0.0, 0.0]), _f([1.0, 0.0]))),
        Case("fixed 2x2 hard targets", (_f([[1.0, -2.0], [3.0, 0.5]]), _f([[1.0, 0.0], [0.0, 1.0]]))),
        Case(
            "random hard targets (6,)",
            (rng.normal(scale=3.0, size=6), rng.integers(0, 2, size=6).astype(np.float64)),
        ),
        Case("random soft targets (3, 4)", (rng.normal(scale=3.0, size=(3, 4)), rng.uniform(size=(3, 4)))),
        Case("random (2, 2, 3)", (rng.normal(scale=2.0, size=(2, 2, 3)), rng.uniform(size=(2, 2, 3)))),
        Case("batch of 1 (1, 1)", (_f([[0.7]]), _f([[1.0]]))),
        Case("large |x| = 1e4, confident and right", (_f([1e4, -1e4, 20.0]), _f([1.0, 0.0, 1.0]))),
        Case("large |x| = 1e4, confident and wrong", (_f([1e4, -1e4, -40.0]), _f([0.0, 1.0, 1.0]))),
        Case("large |x| = 1e4, soft targets", (_f([[1e4, -1e4], [-1e4, 1e4]]), _f([[0.3, 0.9], [0.5, 0.0]]))),
    ]


def _bce_naive(logits, targets):
    s = ref.sigmoid(logits)
    t = np.asarray(targets, dtype=np.float64)
    return float(np.mean(-(t * np.log(s) + (1 - t) * np.log(1 - s))))


def _bce_clipped(logits, targets):
    s = np.clip(ref.sigmoid(logits), 1e-7, 1 - 1e-7)
    t = np.asarray(targets, dtype=np.float64)
    return float(np.mean(-(t * np.log(s) + (1 - t) * np.log(1 - s))))


def _bce_sum(logits, targets):
    return ref.bce_with_logits(logits, targets) * np.asarray(logits).size


def _bce_unshifted_softplus(logits, targets):
    x = np.asarray(logits, dtype=np.float64)
    t = np.asarray(targets, dtype=np.float64)
    return float(np.mean(x - x * t + np.log(1 + np.exp(-x))))


# ================================================================ smooth L1


def _smooth_l1_common_cases(rng: np.random.Generator) -> list[Case]:
    """The cases the loss and its gradient share (the same rng draws, in the same order)."""

    def pair(*shape):
        return rng.normal(scale=1.5, size=shape), rng.normal(scale=1.5, size=shape)

    return [
        Case("fixed 1-D, beta = 1", (_f([0.0, 0.5, 2.0, -3.0]), np.zeros(4))),
        Case(
            "fixed 2x2, beta = 2",
            (_f([[1.0, 3.0], [-1.0, 0.0]]), _f([[0.0, 0.0], [1.0, 4.0]])),
            {"beta": 2.0},
        ),
        Case("random (4, 5), default beta", pair(4, 5)),
        Case("random (3, 3), beta = 0.5", (*pair(3, 3), 0.5)),
        Case("random (6,), beta = 2", pair(6), {"beta": 2.0}),
        Case("random (2, 3, 2), beta = 0.1", pair(2, 3, 2), {"beta": 0.1}),
        Case("all |d| < beta (quadratic only)", pair(3, 4), {"beta": 10.0}),
        Case("all |d| > beta (linear only)", (_f([5.0, -4.0, 3.0]), _f([0.0, 1.0, -2.0])), {"beta": 0.25}),
    ]


def _smooth_l1_cases(rng: np.random.Generator) -> list[Case]:
    return _smooth_l1_common_cases(rng) + [
        Case("|d| equal to beta", (_f([1.5, -1.5, 0.0]), np.zeros(3)), {"beta": 1.5}),
        Case("single element", (_f([0.3]), _f([0.0]))),
    ]


def _smooth_l1_huber(pred, target, beta=1.0):
    return beta * ref.smooth_l1_loss(pred, target, beta)


def _smooth_l1_no_beta_quadratic(pred, target, beta=1.0):
    d = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    a = np.abs(d)
    return float(np.mean(np.where(a < beta, 0.5 * d * d, a - 0.5 * beta)))


def _smooth_l1_sum(pred, target, beta=1.0):
    return ref.smooth_l1_loss(pred, target, beta) * np.asarray(pred).size


def _smooth_l1_grad_cases(rng: np.random.Generator) -> list[Case]:
    return _smooth_l1_common_cases(rng) + [
        Case("zero differences", (_f([[1.0, 2.0], [3.0, 4.0]]), _f([[1.0, 2.0], [3.0, 4.5]]))),
        Case("single element", (_f([0.3]), _f([0.0]))),
    ]


def _smooth_l1_grad_no_mean(pred, target, beta=1.0):
    return ref.smooth_l1_grad(pred, target, beta) * np.asarray(pred).size


def _smooth_l1_grad_no_beta(pred, target, beta=1.0):
    d = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return np.where(np.abs(d) < beta, d, np.sign(d)) / d.size


def _smooth_l1_grad_l1(pred, target, beta=1.0):
    d = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return np.sign(d) / d.size


# ================================================================ label smoothing


def _label_smoothing_cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("fixed labels [0, 2], C = 3, eps = 0.3", (np.array([0, 2]), 3, 0.3)),
        Case("fixed two classes, eps = 0.1", (np.array([1, 0, 1]), 2, 0.1)),
        Case("random N = 5, C = 4, eps = 0.1", (_labels(rng, 5, 4), 4, 0.1)),
        Case("random N = 8, C = 10, eps = 0.2", (_labels(rng, 8, 10), 10, 0.2)),
        Case("random N = 3, C = 6, random eps", (_labels(rng, 3, 6), 6, float(rng.uniform(0.05, 0.5)))),
        Case("eps = 0 gives one-hot", (np.array([2, 0, 1]), 3, 0.0)),
        Case("eps = 1 gives uniform", (np.array([0, 3]), 4, 1.0)),
        Case("batch of 1", (np.array([4]), 5, 0.2)),
        Case("every label the same class", (np.array([1, 1, 1, 1]), 3, 0.15)),
    ]


def _ls_c_minus_1(labels, num_classes, eps):
    labels = np.asarray(labels)
    out = np.full((labels.shape[0], num_classes), eps / (num_classes - 1))
    out[np.arange(labels.shape[0]), labels] = 1.0 - eps
    return out


def _ls_true_class_1_minus_eps(labels, num_classes, eps):
    labels = np.asarray(labels)
    out = np.full((labels.shape[0], num_classes), eps / num_classes)
    out[np.arange(labels.shape[0]), labels] = 1.0 - eps
    return out


def _ls_added_not_mixed(labels, num_classes, eps):
    labels = np.asarray(labels)
    out = np.full((labels.shape[0], num_classes), eps / num_classes)
    out[np.arange(labels.shape[0]), labels] += 1.0
    return out


# ================================================================ specs

_IGNORE_AXIS_EN = (
    "The `axis` argument is ignored (always the last axis); reduce with `axis=axis, keepdims=True`."
)
_IGNORE_AXIS_ZH = "忽略了 `axis` 参数（总是沿最后一维计算）；max 和 sum 都要用 `axis=axis, keepdims=True`。"

SPECS: list[FunctionSpec] = [
    FunctionSpec(
        function="softmax",
        reference=ref.softmax,
        cases=_softmax_cases,
        stable=True,
        mistakes=(
            Mistake(
                "no_max_shift",
                _softmax_no_shift,
                "exp overflows for large inputs because the maximum is not subtracted first; "
                "use exp(x - max(x, axis)), which gives the same softmax.",
                "没有先减去最大值，输入很大时 exp 上溢得到 inf/nan；"
                "先算 exp(x - max(x, axis))，结果不变但数值稳定。",
            ),
            Mistake(
                "sum_over_whole_array",
                _softmax_sum_all,
                "The exponentials are divided by the sum over the whole array instead of along `axis`, "
                "so the slices do not each sum to 1; use `np.sum(e, axis=axis, keepdims=True)`.",
                "分母是整个数组的和而不是沿 `axis` 的和，每个切片加起来不等于 1；"
                "应使用 `np.sum(e, axis=axis, keepdims=True)`。",
            ),
            Mistake("ignores_axis", _softmax_ignore_axis, _IGNORE_AXIS_EN, _IGNORE_AXIS_ZH),
        ),
    ),
    FunctionSpec(
        function="log_softmax",
        reference=ref.log_softmax,
        cases=_log_softmax_cases,
        stable=True,
        mistakes=(
            Mistake(
                "log_of_softmax",
                _log_softmax_of_softmax,
                "Taking log(softmax(x)) gives -inf where the softmax underflows to 0; "
                "compute z - log(sum(exp(z))) with z = x - max directly.",
                "直接对 softmax 取 log，softmax 下溢为 0 的位置会得到 -inf；"
                "应直接算 z - log(sum(exp(z)))，其中 z = x - max。",
            ),
            Mistake(
                "no_max_shift",
                _log_softmax_no_shift,
                "log(sum(exp(x))) overflows for large x; subtract the maximum first (log-sum-exp trick).",
                "log(sum(exp(x))) 在 x 很大时上溢；要先减去最大值（log-sum-exp 技巧）。",
            ),
            Mistake(
                "max_not_added_back",
                _log_softmax_max_not_added_back,
                "The log-sum-exp was computed on z = x - max but subtracted from x: the max is missing; "
                "return z - log(sum(exp(z))).",
                "log-sum-exp 是在 z = x - max 上算的，却用 x 去减，"
                "少了那个最大值；应返回 z - log(sum(exp(z)))。",
            ),
            Mistake("ignores_axis", _log_softmax_ignore_axis, _IGNORE_AXIS_EN, _IGNORE_AXIS_ZH),
        ),
    ),
    FunctionSpec(
        function="sigmoid",
        reference=ref.sigmoid,
        cases=_sigmoid_cases,
        stable=True,
        mistakes=(
            Mistake(
                "exp_ratio_overflow",
                _sigmoid_exp_ratio,
                "exp(x) / (1 + exp(x)) is inf/inf = nan for large positive x; "
                "evaluate only exp(-|x|) and pick the formula by the sign of x.",
                "exp(x) / (1 + exp(x)) 在 x 很大时变成 inf/inf = nan；"
                "只计算 exp(-|x|)，再按 x 的正负选择公式。",
            ),
            Mistake(
                "tanh_without_half",
                _sigmoid_tanh_no_half,
                "sigmoid(x) = 0.5 * (1 + tanh(x / 2)); the argument of tanh must be halved.",
                "sigmoid(x) = 0.5 * (1 + tanh(x / 2))，tanh 里的参数要除以 2。",
            ),
            Mistake(
                "sign_flipped",
                _sigmoid_sign_flipped,
                "This computes 1 / (1 + exp(x)) = sigmoid(-x); the exponent is -x.",
                "算成了 1 / (1 + exp(x))，也就是 sigmoid(-x)；指数应为 -x。",
            ),
        ),
    ),
    FunctionSpec(
        function="cross_entropy",
        reference=ref.cross_entropy,
        cases=_cross_entropy_cases,
        stable=True,
        mistakes=(
            Mistake(
                "sum_not_mean",
                _ce_sum,
                "The loss is summed over the batch; the catalogue asks for the mean over the N samples.",
                "对 batch 求了和；题目要求对 N 个样本取平均。",
            ),
            Mistake(
                "no_max_shift",
                _ce_no_shift,
                "log(sum(exp(logits))) overflows for large logits; subtract each row's maximum first.",
                "logits 很大时 log(sum(exp(logits))) 上溢；先减去每行的最大值。",
            ),
            Mistake(
                "log_of_softmax",
                _ce_log_of_softmax,
                "log(softmax) is -log(0) = inf when the true class's probability underflows; "
                "use log-softmax (x - max - log(sum(exp(x - max)))) instead.",
                "先算 softmax 再取 log，真实类别概率下溢为 0 时损失变成 inf；应直接用 log-softmax。",
            ),
            Mistake(
                "mean_over_all_entries",
                _ce_mean_over_all_entries,
                "The loss is divided by N*C (a mean over the one-hot matrix); "
                "divide by the number of samples N.",
                "除以了 N*C（对整个 one-hot 矩阵取平均）；应只除以样本数 N。",
            ),
        ),
    ),
    FunctionSpec(
        function="bce_with_logits",
        reference=ref.bce_with_logits,
        cases=_bce_cases,
        stable=True,
        mistakes=(
            Mistake(
                "log_of_sigmoid",
                _bce_naive,
                "log(sigmoid(x)) and log(1 - sigmoid(x)) hit log(0) for large |x|; "
                "use max(x, 0) - x*t + log(1 + exp(-|x|)).",
                "|x| 很大时 log(sigmoid(x)) 或 log(1 - sigmoid(x)) 会出现 log(0)；"
                "应使用 max(x, 0) - x*t + log(1 + exp(-|x|))。",
            ),
            Mistake(
                "clipped_probabilities",
                _bce_clipped,
                "Clipping the probability to [1e-7, 1 - 1e-7] avoids nan but distorts the loss for large |x| "
                "(each term stays between about 1e-7 and 16); work with the logits directly.",
                "把概率截断到 [1e-7, 1 - 1e-7] 虽然避免了 nan，但 |x| 很大时损失被扭曲"
                "（每一项只能落在约 1e-7 到 16 之间）；应直接在 logits 上计算。",
            ),
            Mistake(
                "sum_not_mean",
                _bce_sum,
                "The loss is summed; the catalogue asks for the mean over all elements.",
                "对所有元素求了和；题目要求对所有元素取平均。",
            ),
            Mistake(
                "unshifted_softplus",
                _bce_unshifted_softplus,
                "x - x*t + log(1 + exp(-x)) overflows for large negative x; "
                "write it as max(x, 0) - x*t + log(1 + exp(-|x|)).",
                "x - x*t + log(1 + exp(-x)) 在 x 为很大的负数时上溢；"
                "改写成 max(x, 0) - x*t + log(1 + exp(-|x|))。",
            ),
        ),
    ),
    FunctionSpec(
        function="smooth_l1_loss",
        reference=ref.smooth_l1_loss,
        cases=_smooth_l1_cases,
        mistakes=(
            Mistake(
                "huber_scaling",
                _smooth_l1_huber,
                "This is the Huber loss with delta = beta, which is beta times smooth L1; "
                "smooth L1 divides the quadratic part by beta and has linear part |d| - beta/2.",
                "这是 delta = beta 的 Huber 损失，等于 smooth L1 的 beta 倍；"
                "smooth L1 的二次部分要除以 beta，线性部分是 |d| - beta/2。",
            ),
            Mistake(
                "quadratic_not_divided_by_beta",
                _smooth_l1_no_beta_quadratic,
                "The quadratic branch must be 0.5*d**2/beta (so the two branches meet at |d| = beta); "
                "the division by beta is missing.",
                "二次分支应为 0.5*d**2/beta（这样两段在 |d| = beta 处连续），漏掉了除以 beta。",
            ),
            Mistake(
                "sum_not_mean",
                _smooth_l1_sum,
                "The loss is summed; the catalogue asks for the mean over elements.",
                "对元素求了和；题目要求取平均。",
            ),
        ),
    ),
    FunctionSpec(
        function="smooth_l1_grad",
        reference=ref.smooth_l1_grad,
        cases=_smooth_l1_grad_cases,
        mistakes=(
            Mistake(
                "missing_mean_factor",
                _smooth_l1_grad_no_mean,
                "The loss is a mean, so every gradient entry carries a factor 1/size; it is missing.",
                "损失是平均值，每个梯度分量都要乘 1/size，这里漏掉了。",
            ),
            Mistake(
                "quadratic_not_divided_by_beta",
                _smooth_l1_grad_no_beta,
                "In the quadratic region the derivative of 0.5*d**2/beta is d/beta, not d.",
                "二次区域里 0.5*d**2/beta 的导数是 d/beta，不是 d。",
            ),
            Mistake(
                "l1_gradient_everywhere",
                _smooth_l1_grad_l1,
                "sign(d) is the gradient of the L1 loss; "
                "inside |d| < beta smooth L1 is quadratic with gradient d/beta.",
                "sign(d) 是 L1 损失的梯度；在 |d| < beta 内 smooth L1 是二次的，梯度为 d/beta。",
            ),
        ),
    ),
    FunctionSpec(
        function="label_smoothing",
        reference=ref.label_smoothing,
        cases=_label_smoothing_cases,
        mistakes=(
            Mistake(
                "eps_over_c_minus_1",
                _ls_c_minus_1,
                "This spreads eps over the C - 1 wrong classes (1 - eps on the true one); "
                "the catalogue mixes "
                "in the uniform distribution: 1 - eps + eps/C on the true class, eps/C elsewhere.",
                "这是把 eps 平均分给其余 C - 1 个类（真实类为 1 - eps）；题目要求与均匀分布混合："
                "真实类 1 - eps + eps/C，其余 eps/C。",
            ),
            Mistake(
                "true_class_missing_eps_over_c",
                _ls_true_class_1_minus_eps,
                "The true class must get 1 - eps + eps/C, not 1 - eps; otherwise the row sums to 1 - eps/C.",
                "真实类应为 1 - eps + eps/C 而不是 1 - eps，否则每行的和只有 1 - eps/C。",
            ),
            Mistake(
                "added_not_mixed",
                _ls_added_not_mixed,
                "eps/C was added to the one-hot vector without scaling it by 1 - eps, "
                "so rows sum to 1 + eps.",
                "直接在 one-hot 上加了 eps/C，没有把 one-hot 乘以 1 - eps，每行和变成 1 + eps。",
            ),
        ),
    ),
]

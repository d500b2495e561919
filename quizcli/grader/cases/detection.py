"""Grader cases and known mistakes: "Detection".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases aimed
at the classic bugs (disjoint and touching boxes, boxes inside boxes, zero-area
boxes for ``box_iou`` and ``nms``, IoU exactly at the threshold, equal scores,
recall landing exactly on a COCO threshold ...). GIoU/DIoU/CIoU inputs always
have x2 > x1 and y2 > y1, as the catalogue requires.
"""

from __future__ import annotations

import numpy as np

from reference_impls import detection as ref

from ..spec import Case, FunctionSpec, Mistake

# ---------------------------------------------------------------- helpers


def _b(rows) -> np.ndarray:
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def _random_boxes(rng: np.random.Generator, n: int, span: float = 10.0, max_side: float = 6.0) -> np.ndarray:
    xy = np.round(rng.uniform(0.0, span, size=(n, 2)), 2)
    wh = np.round(rng.uniform(0.5, max_side, size=(n, 2)), 2)
    return np.concatenate([xy, xy + wh], axis=1)


def _pair_cases(rng: np.random.Generator, fixed: list[Case], edges: list[Case]) -> list[Case]:
    randoms = [
        Case(f"random {n}x{m} boxes", (_random_boxes(rng, n), _random_boxes(rng, m)))
        for n, m in [(3, 4), (5, 2), (1, 6), (6, 6)]
    ]
    return fixed + randoms + edges


def _area(b: np.ndarray) -> np.ndarray:
    return (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])


def _inter(b1: np.ndarray, b2: np.ndarray, clamp: bool = True) -> np.ndarray:
    lt = np.maximum(b1[:, None, :2], b2[None, :, :2])
    rb = np.minimum(b1[:, None, 2:], b2[None, :, 2:])
    wh = rb - lt
    if clamp:
        wh = np.clip(wh, 0.0, None)
    return wh[..., 0] * wh[..., 1]


def _enclosure(b1: np.ndarray, b2: np.ndarray) -> np.ndarray:
    lt = np.minimum(b1[:, None, :2], b2[None, :, :2])
    rb = np.maximum(b1[:, None, 2:], b2[None, :, 2:])
    return rb - lt  # (N, M, 2)


# Edge boxes shared by the pairwise measures (all with positive width and height).
_DISJOINT_BOTH_AXES = (_b([[0, 0, 1, 1], [0, 0, 2, 1]]), _b([[3, 3, 4, 5], [5, 2, 6, 3]]))
_TOUCHING = (_b([[0, 0, 2, 2]]), _b([[2, 0, 4, 2], [0, 2, 2, 3], [2, 2, 3, 3]]))
_NESTED = (_b([[0, 0, 4, 4], [1, 1, 2, 3]]), _b([[1, 1, 2, 3], [0, 0, 4, 4], [1.5, 1.5, 2.5, 2.5]]))
_IDENTICAL = (_b([[1, 2, 4, 3], [0, 0, 1, 5]]), _b([[1, 2, 4, 3], [0, 0, 1, 5]]))
_LARGE = (_b([[-1e4, -1e4, 1e4, 1e4], [0, 0, 5e3, 1e4]]), _b([[-5e3, 0, 1e4, 2e3], [9e3, 9e3, 1e4, 1e4]]))

# ================================================================ box_iou


def _box_iou_cases(rng: np.random.Generator) -> list[Case]:
    fixed = [
        Case("fixed 1x1 half overlap", (_b([[0, 0, 2, 2]]), _b([[1, 0, 3, 2]]))),
        Case("fixed 2x3", (_b([[0, 0, 2, 2], [1, 1, 3, 3]]), _b([[0, 0, 2, 2], [1, 0, 3, 2], [4, 4, 5, 5]]))),
    ]
    edges = [
        Case("disjoint on both axes", _DISJOINT_BOTH_AXES),
        Case("touching edges and corners", _TOUCHING),
        Case("one box inside another", _NESTED),
        Case("identical boxes", _IDENTICAL),
        Case(
            "zero-area boxes (empty union gives 0)",
            (_b([[1, 1, 1, 1], [0, 0, 0, 3], [0, 0, 2, 2]]), _b([[1, 1, 1, 1], [0, 0, 0, 3], [1, 1, 3, 3]])),
        ),
        Case("large coordinates (1e4)", _LARGE),
    ]
    return _pair_cases(rng, fixed, edges)


def _iou_plus_one(boxes1, boxes2):
    b1, b2 = _b(boxes1), _b(boxes2)
    a1 = (b1[:, 2] - b1[:, 0] + 1) * (b1[:, 3] - b1[:, 1] + 1)
    a2 = (b2[:, 2] - b2[:, 0] + 1) * (b2[:, 3] - b2[:, 1] + 1)
    lt = np.maximum(b1[:, None, :2], b2[None, :, :2])
    rb = np.minimum(b1[:, None, 2:], b2[None, :, 2:])
    wh = np.clip(rb - lt + 1, 0.0, None)
    inter = wh[..., 0] * wh[..., 1]
    return inter / (a1[:, None] + a2[None, :] - inter)


def _iou_no_clamp(boxes1, boxes2):
    b1, b2 = _b(boxes1), _b(boxes2)
    inter = _inter(b1, b2, clamp=False)
    union = _area(b1)[:, None] + _area(b2)[None, :] - inter
    out = np.zeros_like(inter)
    np.divide(inter, union, out=out, where=union != 0)
    return out


def _iou_nan_empty(boxes1, boxes2):
    b1, b2 = _b(boxes1), _b(boxes2)
    inter = _inter(b1, b2)
    with np.errstate(invalid="ignore"):
        return inter / (_area(b1)[:, None] + _area(b2)[None, :] - inter)


def _iou_union_no_subtract(boxes1, boxes2):
    b1, b2 = _b(boxes1), _b(boxes2)
    inter = _inter(b1, b2)
    union = _area(b1)[:, None] + _area(b2)[None, :]
    out = np.zeros_like(inter)
    np.divide(inter, union, out=out, where=union > 0)
    return out


_BOX_IOU_MISTAKES = (
    Mistake(
        "plus-one-area",
        _iou_plus_one,
        "You used the old '+1 pixel' convention ((x2 - x1 + 1) * (y2 - y1 + 1)). Here boxes are continuous "
        "coordinates: width is x2 - x1 and height is y2 - y1.",
        "你用了老式的 “+1 像素” 面积 ((x2 - x1 + 1) * (y2 - y1 + 1))。这里的框是连续坐标，宽就是 x2 - x1，"
        "高就是 y2 - y1。",
    ),
    Mistake(
        "no-clamp",
        _iou_no_clamp,
        "The intersection width/height is not clamped at 0: for boxes apart on both axes two negative "
        "sides multiply to a positive 'intersection'. Clip each side with max(0, ...) before multiplying.",
        "交集的宽高没有截断到 0：两个框在 x、y 方向都分离时，两个负的边长相乘得到正的“交集”。"
        "相乘前先对每条边取 max(0, ...)。",
    ),
    Mistake(
        "empty-union-nan",
        _iou_nan_empty,
        "Two zero-area boxes have an empty union and inter / union gives 0/0 = nan. The convention here "
        "is IoU 0 where the union is empty: divide only where union > 0.",
        "两个面积为 0 的框并集为空，inter / union 变成 0/0 = nan。这里约定并集为空时 IoU 取 0：只在 union "
        "> 0 的位置做除法。",
    ),
    Mistake(
        "union-not-minus-intersection",
        _iou_union_no_subtract,
        "The union is area1 + area2 without subtracting the intersection, so the overlap is counted "
        "twice and identical boxes get 0.5. Use union = area1 + area2 - inter.",
        "并集直接用了 area1 + area2，没有减去交集，重叠部分被算了两次，两个完全相同的框只得到 0.5。应为 "
        "union = area1 + area2 - inter。",
    ),
)

# ================================================================ generalized_box_iou


def _giou_cases(rng: np.random.Generator) -> list[Case]:
    fixed = [
        Case("fixed 1x1 disjoint (GIoU = -1/3)", (_b([[0, 0, 1, 1]]), _b([[2, 0, 3, 1]]))),
        Case("fixed 2x2", (_b([[0, 0, 2, 2], [1, 1, 4, 2]]), _b([[1, 0, 3, 2], [3, 3, 4, 4]]))),
    ]
    edges = [
        Case("disjoint on both axes", _DISJOINT_BOTH_AXES),
        Case("far apart (GIoU near -1)", (_b([[0, 0, 1, 1]]), _b([[100, 100, 101, 101], [0, 50, 1, 51]]))),
        Case("touching edges and corners", _TOUCHING),
        Case("one box inside another", _NESTED),
        Case("identical boxes", _IDENTICAL),
        Case("large coordinates (1e4)", _LARGE),
    ]
    return _pair_cases(rng, fixed, edges)


def _giou_parts(boxes1, boxes2, clamp=True):
    b1, b2 = _b(boxes1), _b(boxes2)
    inter = _inter(b1, b2, clamp=clamp)
    union = _area(b1)[:, None] + _area(b2)[None, :] - inter
    wh = _enclosure(b1, b2)
    return inter, union, wh[..., 0] * wh[..., 1]


def _giou_loss(boxes1, boxes2):
    inter, union, c = _giou_parts(boxes1, boxes2)
    return 1.0 - (inter / union - (c - union) / c)


def _giou_minus_inter(boxes1, boxes2):
    inter, union, c = _giou_parts(boxes1, boxes2)
    return inter / union - (c - inter) / c


def _giou_no_clamp(boxes1, boxes2):
    inter, union, c = _giou_parts(boxes1, boxes2, clamp=False)
    return inter / union - (c - union) / c


_GIOU_MISTAKES = (
    Mistake(
        "returned-loss",
        _giou_loss,
        "You returned the GIoU loss 1 - GIoU. The function asks for GIoU itself, in [-1, 1] (1 for identical boxes).",
        "你返回的是 GIoU 损失 1 - GIoU。题目要的是 GIoU 本身，取值在 [-1, 1]（完全重合时为 1）。",
    ),
    Mistake(
        "enclosure-minus-intersection",
        _giou_minus_inter,
        "The penalty uses (C - intersection) / C. GIoU penalises the part of the enclosing box C not "
        "covered by the union: IoU - (C - union) / C.",
        "惩罚项写成了 (C - 交集) / C。GIoU 惩罚的是最小外接框 C 中不属于并集的部分：IoU - (C - 并集) / C。",
    ),
    Mistake(
        "no-clamp",
        _giou_no_clamp,
        "The intersection sides are not clamped at 0, so boxes apart on both axes get a positive "
        "'intersection'. Clip each side with max(0, ...) first.",
        "交集的边长没有截断到 0，两个框在两个方向都分离时会得到正的“交集”。先对每条边取 max(0, ...)。",
    ),
)

# ================================================================ distance_box_iou

_SMALL = (
    _b([[0, 0, 0.01, 0.02], [0.005, 0.005, 0.02, 0.01]]),
    _b([[0.01, 0.01, 0.03, 0.02], [0, 0.015, 0.01, 0.03]]),
)


def _diou_cases(rng: np.random.Generator) -> list[Case]:
    fixed = [
        Case("fixed 1x1 diagonal shift", (_b([[0, 0, 2, 2]]), _b([[1, 1, 3, 3]]))),
        Case("fixed 2x2", (_b([[0, 0, 2, 2], [0, 0, 4, 1]]), _b([[2, 0, 4, 2], [1, 0, 2, 1]]))),
    ]
    edges = [
        Case("disjoint on both axes", _DISJOINT_BOTH_AXES),
        Case(
            "same centre, different sizes",
            (_b([[0, 0, 4, 4], [1, 0, 3, 4]]), _b([[1, 1, 3, 3], [0, 1, 4, 3]])),
        ),
        Case("one box inside another", _NESTED),
        Case("identical boxes", _IDENTICAL),
        Case("small boxes (eps = 1e-7 matters)", _SMALL),
        Case("large coordinates (1e4)", _LARGE),
    ]
    return _pair_cases(rng, fixed, edges)


def _diou_parts(boxes1, boxes2, half_width_centres=False):
    b1, b2 = _b(boxes1), _b(boxes2)
    inter = _inter(b1, b2)
    iou = inter / (_area(b1)[:, None] + _area(b2)[None, :] - inter)
    wh = _enclosure(b1, b2)
    c2 = wh[..., 0] ** 2 + wh[..., 1] ** 2
    if half_width_centres:
        p1, p2 = (b1[:, 2:] - b1[:, :2]) / 2, (b2[:, 2:] - b2[:, :2]) / 2
    else:
        p1, p2 = (b1[:, :2] + b1[:, 2:]) / 2, (b2[:, :2] + b2[:, 2:]) / 2
    rho2 = ((p1[:, None, :] - p2[None, :, :]) ** 2).sum(-1)
    return iou, rho2, c2


def _diou_no_eps(boxes1, boxes2):
    iou, rho2, c2 = _diou_parts(boxes1, boxes2)
    return iou - rho2 / c2


def _diou_not_squared(boxes1, boxes2):
    iou, rho2, c2 = _diou_parts(boxes1, boxes2)
    return iou - np.sqrt(rho2) / np.sqrt(c2 + 1e-7)


def _diou_half_width(boxes1, boxes2):
    iou, rho2, c2 = _diou_parts(boxes1, boxes2, half_width_centres=True)
    return iou - rho2 / (c2 + 1e-7)


_DIOU_MISTAKES = (
    Mistake(
        "no-eps",
        _diou_no_eps,
        "You divided by c^2 without eps. The torchvision convention asked for divides by c^2 + 1e-7, which "
        "shows on small boxes.",
        "分母用了 c^2 而没加 eps。题目要求与 torchvision 一致，分母是 c^2 + 1e-7，框很小时差别就显出来了。",
    ),
    Mistake(
        "distance-not-squared",
        _diou_not_squared,
        "The penalty uses rho / c. DIoU subtracts the ratio of squared lengths: rho^2 / (c^2 + eps), "
        "with rho the centre distance and c the enclosing box's diagonal.",
        "惩罚项用了 rho / c。DIoU 减去的是长度平方之比 rho^2 / (c^2 + eps)，rho 为中心点距离，c "
        "为最小外接框的对角线长。",
    ),
    Mistake(
        "half-width-centres",
        _diou_half_width,
        "The centres were computed as (x2 - x1) / 2, which is half the width. The centre is "
        "((x1 + x2) / 2, (y1 + y2) / 2).",
        "中心点算成了 (x2 - x1) / 2，那其实是半宽。中心应为 ((x1 + x2) / 2, (y1 + y2) / 2)。",
    ),
)

# ================================================================ complete_box_iou


def _ciou_cases(rng: np.random.Generator) -> list[Case]:
    fixed = [
        Case("fixed 1x1 square vs wide box", (_b([[0, 0, 2, 2]]), _b([[1, 0, 5, 2]]))),
        Case("fixed 2x2", (_b([[0, 0, 2, 2], [0, 0, 1, 3]]), _b([[1, 1, 3, 3], [0, 1, 3, 2]]))),
    ]
    edges = [
        Case("identical boxes (v = 0, IoU = 1)", _IDENTICAL),
        Case(
            "same aspect ratio (v = 0)",
            (_b([[0, 0, 2, 1], [1, 1, 5, 3]]), _b([[1, 0, 5, 2], [0, 0, 1, 0.5]])),
        ),
        Case("tall vs wide", (_b([[0, 0, 1, 4], [0, 0, 1, 8]]), _b([[0, 0, 4, 1], [-3, 0, 5, 1]]))),
        Case("disjoint on both axes", _DISJOINT_BOTH_AXES),
        Case("one box inside another", _NESTED),
        Case("small boxes (eps = 1e-7 matters)", _SMALL),
    ]
    return _pair_cases(rng, fixed, edges)


def _ciou_parts(boxes1, boxes2):
    b1, b2 = _b(boxes1), _b(boxes2)
    iou, rho2, c2 = _diou_parts(b1, b2)
    diou = iou - rho2 / (c2 + 1e-7)
    a1 = np.arctan((b1[:, 2] - b1[:, 0]) / (b1[:, 3] - b1[:, 1]))
    a2 = np.arctan((b2[:, 2] - b2[:, 0]) / (b2[:, 3] - b2[:, 1]))
    d2 = (a1[:, None] - a2[None, :]) ** 2
    return iou, diou, d2


def _ciou_no_alpha(boxes1, boxes2):
    iou, diou, d2 = _ciou_parts(boxes1, boxes2)
    return diou - 4 / np.pi**2 * d2


def _ciou_alpha_no_eps(boxes1, boxes2):
    iou, diou, d2 = _ciou_parts(boxes1, boxes2)
    v = 4 / np.pi**2 * d2
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = v / (1 - iou + v)
    return diou - alpha * v


def _ciou_v_no_factor(boxes1, boxes2):
    iou, diou, d2 = _ciou_parts(boxes1, boxes2)
    alpha = d2 / (1 - iou + d2 + 1e-7)
    return diou - alpha * d2


def _ciou_diou_only(boxes1, boxes2):
    _, diou, _ = _ciou_parts(boxes1, boxes2)
    return diou


_CIOU_MISTAKES = (
    Mistake(
        "no-alpha",
        _ciou_no_alpha,
        "The aspect term is subtracted without its weight: CIoU = DIoU - alpha * v with "
        "alpha = v / (1 - IoU + v + eps).",
        "长宽比项减去时漏了权重：CIoU = DIoU - alpha * v，其中 alpha = v / (1 - IoU + v + eps)。",
    ),
    Mistake(
        "alpha-no-eps",
        _ciou_alpha_no_eps,
        "alpha = v / (1 - IoU + v) is 0/0 = nan for identical boxes. torchvision adds eps = 1e-7 to the "
        "denominator, so alpha is 0 there.",
        "alpha = v / (1 - IoU + v) 在两个框完全重合时是 0/0 = nan。torchvision 在分母上加 eps = 1e-7，"
        "这时 alpha 为 0。",
    ),
    Mistake(
        "v-missing-4-over-pi2",
        _ciou_v_no_factor,
        "v lacks the 4 / pi^2 factor: v = 4 / pi^2 * (atan(w1 / h1) - atan(w2 / h2))^2, which keeps v in [0, 1].",
        "v 漏了系数 4 / pi^2：v = 4 / pi^2 * (atan(w1 / h1) - atan(w2 / h2))^2，这个系数让 v 落在 [0, 1]。",
    ),
    Mistake(
        "diou-only",
        _ciou_diou_only,
        "You returned DIoU: CIoU also subtracts the aspect-ratio term alpha * v.",
        "你返回的是 DIoU：CIoU 还要再减去长宽比一致性项 alpha * v。",
    ),
)

# ================================================================ nms


def _nms_cases(rng: np.random.Generator) -> list[Case]:
    randoms = []
    for n, thr in [(8, 0.5), (12, 0.3), (20, 0.7), (16, 0.5)]:
        boxes = _random_boxes(rng, n, span=8.0, max_side=5.0)
        scores = np.round(rng.uniform(0, 1, size=n), 2)
        randoms.append(Case(f"random {n} boxes, threshold {thr}", (boxes, scores, thr)))
    return [
        Case(
            "fixed 3 boxes",
            (_b([[0, 0, 2, 2], [0.5, 0, 2.5, 2], [3, 3, 4, 4]]), np.array([0.9, 0.8, 0.7]), 0.5),
        ),
        Case(
            "fixed unsorted scores with a tie",
            (_b([[0, 0, 2, 2], [0.5, 0, 2.5, 2], [3, 3, 4, 4]]), np.array([0.6, 0.9, 0.6]), 0.7),
        ),
        *randoms,
        Case("IoU exactly at the threshold", (_b([[0, 0, 2, 1], [0, 0, 1, 1]]), np.array([0.9, 0.8]), 0.5)),
        Case(
            "equal scores (lower index first)",
            (_b([[0, 0, 2, 2], [0.2, 0, 2.2, 2], [5, 5, 6, 6], [5, 5.1, 6, 6.1]]), np.full(4, 0.5), 0.5),
        ),
        Case(
            "suppressed box suppresses nothing",
            (_b([[0, 0, 2, 2], [1, 0, 3, 2], [2, 0, 4, 2]]), np.array([0.9, 0.8, 0.7]), 0.3),
        ),
        Case(
            "zero-area boxes",
            (
                _b([[1, 1, 1, 1], [1, 1, 1, 1], [0, 0, 2, 2], [2, 2, 2, 4]]),
                np.array([0.9, 0.8, 0.7, 0.6]),
                0.0,
            ),
        ),
        Case(
            "threshold 0 (any overlap suppresses)",
            (
                _b([[0, 0, 2, 2], [1.9, 1.9, 3, 3], [2, 0, 3, 1], [4, 4, 5, 5]]),
                np.array([0.4, 0.3, 0.2, 0.1]),
                0.0,
            ),
        ),
        Case("single box", (_b([[1, 2, 3, 4]]), np.array([0.1]), 0.5)),
        Case("no boxes", (np.zeros((0, 4)), np.zeros(0), 0.5)),
    ]


def _nms_core(boxes, scores, thr, order, suppress, greedy=True):
    b = _b(boxes)
    suppressed = np.zeros(len(order), dtype=bool)
    keep = []
    for pos, i in enumerate(order):
        if suppressed[i] and greedy:
            continue
        if not suppressed[i]:
            keep.append(int(i))
        rest = order[pos + 1 :]
        if rest.size:
            inter = _inter(b[i : i + 1], b[rest])[0]
            union = _area(b[i : i + 1])[0] + _area(b[rest]) - inter
            iou = np.zeros_like(inter)
            np.divide(inter, union, out=iou, where=union > 0)
            suppressed[rest[suppress(iou, thr)]] = True
    return np.array(keep, dtype=np.int64)


def _stable_order(scores):
    return np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")


def _nms_ge(boxes, scores, iou_threshold):
    return _nms_core(boxes, scores, iou_threshold, _stable_order(scores), lambda iou, t: iou >= t)


def _nms_reversed_argsort(boxes, scores, iou_threshold):
    # the learner's habit, default (unstable) sort included: it is what their code runs
    order = np.argsort(np.asarray(scores, dtype=np.float64))[::-1]
    return _nms_core(boxes, scores, iou_threshold, order, lambda iou, t: iou > t)


def _nms_index_order(boxes, scores, iou_threshold):
    return np.sort(ref.nms(boxes, scores, iou_threshold))


def _nms_not_greedy(boxes, scores, iou_threshold):
    return _nms_core(boxes, scores, iou_threshold, _stable_order(scores), lambda iou, t: iou > t, greedy=False)


_NMS_MISTAKES = (
    Mistake(
        "ge-threshold",
        _nms_ge,
        "You suppress when IoU >= threshold. torchvision suppresses only when IoU is strictly greater, so a "
        "box exactly at the threshold (and, with threshold 0, a box that does not overlap at all) is kept.",
        "你在 IoU >= 阈值时就抑制了。torchvision 只在 IoU 严格大于阈值时抑制："
        "恰好等于阈值的框（以及阈值为 0 时完全不重叠的框）都应保留。",
    ),
    Mistake(
        "reversed-argsort",
        _nms_reversed_argsort,
        "np.argsort(scores)[::-1] puts equal scores in decreasing index order. Sort -scores with a stable "
        "sort (np.argsort(-scores, kind='stable')) so ties keep increasing index order.",
        "np.argsort(scores)[::-1] 会让分数相同的框按下标从大到小排。应对 -scores 做稳定排序 "
        "(np.argsort(-scores, kind='stable'))，"
        "并列时按下标从小到大。",
    ),
    Mistake(
        "index-order",
        _nms_index_order,
        "The kept indices are sorted by index. Return them in the order they were kept: decreasing score.",
        "保留的下标被按下标大小排了序。应按被保留的先后顺序返回，即分数从高到低。",
    ),
    Mistake(
        "suppressed-still-suppress",
        _nms_not_greedy,
        "A box that has already been suppressed still suppresses others. In greedy NMS only kept boxes "
        "suppress: skip a suppressed box entirely.",
        "已经被抑制的框还在继续抑制别的框。贪心 NMS 里只有被保留的框才会去抑制其他框，被抑制的框应直接跳过。",
    ),
)

# ================================================================ average_precision


def _ap_cases(rng: np.random.Generator) -> list[Case]:
    randoms = []
    for d, extra in [(10, 0), (25, 3), (40, 5), (6, 1)]:
        is_tp = rng.random(d) < 0.6
        scores = np.round(rng.random(d), 1)  # rounding to 0.1 makes ties
        randoms.append(Case(f"random {d} detections", (scores, is_tp, int(is_tp.sum()) + extra or 1)))
    return [
        Case(
            "fixed TP, FP, TP after sorting, 3 gts",
            (np.array([0.8, 0.9, 0.3]), np.array([False, True, True]), 3),
        ),
        Case(
            "fixed equal scores (input order decides)",
            (np.array([0.5, 0.5, 0.5]), np.array([False, True, True]), 2),
        ),
        *randoms,
        Case("all true positives", (np.array([0.9, 0.7, 0.5, 0.3]), np.ones(4, dtype=bool), 4)),
        Case("all false positives", (np.array([0.9, 0.4]), np.zeros(2, dtype=bool), 3)),
        Case(
            "more equal scores, mixed with others",
            (np.array([0.9, 0.5, 0.5, 0.5, 0.5, 0.2]), np.array([True, False, True, False, True, True]), 5),
        ),
        Case(
            "missed ground truths (recall < 1)",
            (np.array([0.95, 0.9, 0.6, 0.5, 0.2]), np.array([True, False, True, True, False]), 8),
        ),
        Case(
            "recall hits 0.7 exactly (10 gts)",
            (np.linspace(0.95, 0.4, 9), np.array([1, 1, 1, 0, 1, 1, 1, 1, 0], dtype=bool), 10),
        ),
        Case("is_tp given as 0/1 ints", (np.array([0.2, 0.9, 0.5, 0.7]), np.array([0, 1, 1, 0]), 3)),
        Case("single detection", (np.array([0.3]), np.array([True]), 2)),
        Case("no detections", (np.zeros(0), np.zeros(0, dtype=bool), 2)),
    ]


def _ap_curve(scores, is_tp, num_gt, recall_den=None):
    s = np.asarray(scores, dtype=np.float64)
    tp = np.asarray(is_tp).astype(bool)[np.argsort(-s, kind="stable")]
    tpc = np.cumsum(tp).astype(np.float64)
    fpc = np.cumsum(~tp).astype(np.float64)
    recall = tpc / (num_gt if recall_den is None else recall_den)
    precision = tpc / (tpc + fpc)  # tpc + fpc >= 1 at every position
    return recall, precision


def _ap_101(recall, precision, envelope=True):
    if envelope:
        precision = np.maximum.accumulate(precision[::-1])[::-1]
    idx = np.searchsorted(recall, np.linspace(0, 1, 101), side="left")
    q = np.zeros(101)
    valid = idx < len(precision)
    q[valid] = precision[idx[valid]]
    return float(q.mean())


def _ap_all_point(scores, is_tp, num_gt):
    recall, precision = _ap_curve(scores, is_tp, num_gt)
    mrec = np.concatenate([[0.0], recall, [1.0]])
    mpre = np.concatenate([[0.0], precision, [0.0]])
    mpre = np.maximum.accumulate(mpre[::-1])[::-1]
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1]))


def _ap_11_point(scores, is_tp, num_gt):
    recall, precision = _ap_curve(scores, is_tp, num_gt)
    total = 0.0
    for t in np.arange(0.0, 1.1, 0.1):
        sel = precision[recall >= t]
        total += sel.max() if sel.size else 0.0
    return float(total / 11.0)


def _ap_no_envelope(scores, is_tp, num_gt):
    recall, precision = _ap_curve(scores, is_tp, num_gt)
    return _ap_101(recall, precision, envelope=False)


def _ap_recall_over_detected(scores, is_tp, num_gt):
    n_tp = int(np.asarray(is_tp).astype(bool).sum())
    recall, precision = _ap_curve(scores, is_tp, num_gt, recall_den=max(n_tp, 1))
    return _ap_101(recall, precision)


_AP_MISTAKES = (
    Mistake(
        "voc-all-point",
        _ap_all_point,
        "This is the VOC2010+ 'all-point' area under the precision envelope. COCO samples the envelope "
        "at 101 fixed recall thresholds 0, 0.01, ..., 1 and averages those 101 values.",
        "这是 VOC2010 之后的“全点插值”面积。COCO 的做法是在 0, 0.01, ..., 1 这 101 "
        "个固定召回率阈值上取包络后的精度，再求平均。",
    ),
    Mistake(
        "voc-11-point",
        _ap_11_point,
        "This is the VOC2007 11-point AP (recall 0, 0.1, ..., 1). COCO uses 101 recall thresholds and "
        "takes the enveloped precision at np.searchsorted(recall, r, side='left').",
        "这是 VOC2007 的 11 点 AP（召回率 0, 0.1, ..., 1）。COCO 用 101 个召回率阈值，并在 "
        "np.searchsorted(recall, r, "
        "side='left') 处取包络后的精度。",
    ),
    Mistake(
        "no-envelope",
        _ap_no_envelope,
        "Precision is read off the raw curve. First make it non-increasing from the right "
        "(precision[i] = max(precision[i:])), then sample it at the recall thresholds.",
        "精度直接取自原始曲线。应先从右往左做单调化 (precision[i] = max(precision[i:]))，再在各召回率阈值处取值。",
    ),
    Mistake(
        "recall-over-detected",
        _ap_recall_over_detected,
        "Recall is divided by the number of true positives found, not by num_gt, so missed ground "
        "truths are ignored. Recall = cumulative TP / num_gt.",
        "召回率的分母用了检出的真正例个数而不是 num_gt，漏检的真值框就被忽略了。召回率 = 累计 TP / num_gt。",
    ),
)

# ================================================================ registry

SPECS: list[FunctionSpec] = [
    FunctionSpec("box_iou", ref.box_iou, _box_iou_cases, mistakes=_BOX_IOU_MISTAKES),
    FunctionSpec("generalized_box_iou", ref.generalized_box_iou, _giou_cases, mistakes=_GIOU_MISTAKES),
    FunctionSpec("distance_box_iou", ref.distance_box_iou, _diou_cases, mistakes=_DIOU_MISTAKES),
    FunctionSpec("complete_box_iou", ref.complete_box_iou, _ciou_cases, mistakes=_CIOU_MISTAKES),
    FunctionSpec("nms", ref.nms, _nms_cases, int_dtype="int64", mistakes=_NMS_MISTAKES),
    FunctionSpec("average_precision", ref.average_precision, _ap_cases, mistakes=_AP_MISTAKES),
]

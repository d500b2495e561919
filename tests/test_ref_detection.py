"""Oracle tests of reference_impls.detection.

Oracles, all independent of the reference:
* torchvision's box ops: torchvision is not importable here, so the formulas of
  ``torchvision/ops/boxes.py`` (``_box_inter_union``, ``box_iou``,
  ``generalized_box_iou``, ``_box_diou_iou``, ``distance_box_iou``,
  ``complete_box_iou``) are ported below in torch (float64);
* an elementwise torchvision release of ``complete_box_iou_loss``
  (``torchvision/ops/ciou_loss.py``, from detectron2), for DIoU/CIoU on matched pairs;
* torchvision's CPU NMS kernel (``torchvision/csrc/ops/cpu/nms_kernel.cpp``),
  ported as a plain Python loop over a stable ``torch.sort``;
* pixel counting on integer boxes for IoU;
* pycocotools ``COCOeval`` on a tiny hand-built ground-truth / detection set
  for ``average_precision``, plus a case worked by hand.
"""

from __future__ import annotations

import contextlib
import io
import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from reference_impls.detection import (
    average_precision,
    box_iou,
    complete_box_iou,
    distance_box_iou,
    generalized_box_iou,
    nms,
)

# ---------------------------------------------------------------------------
# Port of torchvision/ops/boxes.py (pytorch/vision), float64 tensors.
# ---------------------------------------------------------------------------


def _tv_box_area(boxes):
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def _tv_box_inter_union(boxes1, boxes2):
    area1 = _tv_box_area(boxes1)
    area2 = _tv_box_area(boxes2)
    lt = torch.max(boxes1[:, None, :2], boxes2[:, :2])  # [N,M,2]
    rb = torch.min(boxes1[:, None, 2:], boxes2[:, 2:])  # [N,M,2]
    wh = (rb - lt).clamp(min=0)  # [N,M,2]
    inter = wh[:, :, 0] * wh[:, :, 1]  # [N,M]
    union = area1[:, None] + area2 - inter
    return inter, union


def tv_box_iou(boxes1, boxes2):
    inter, union = _tv_box_inter_union(boxes1, boxes2)
    return inter / union


def tv_generalized_box_iou(boxes1, boxes2):
    inter, union = _tv_box_inter_union(boxes1, boxes2)
    iou = inter / union
    lti = torch.min(boxes1[:, None, :2], boxes2[:, :2])
    rbi = torch.max(boxes1[:, None, 2:], boxes2[:, 2:])
    whi = (rbi - lti).clamp(min=0)  # [N,M,2]
    areai = whi[:, :, 0] * whi[:, :, 1]
    return iou - (areai - union) / areai


def _tv_box_diou_iou(boxes1, boxes2, eps=1e-7):
    iou = tv_box_iou(boxes1, boxes2)
    lti = torch.min(boxes1[:, None, :2], boxes2[:, :2])
    rbi = torch.max(boxes1[:, None, 2:], boxes2[:, 2:])
    whi = (rbi - lti).clamp(min=0)  # [N,M,2]
    diagonal_distance_squared = (whi[:, :, 0] ** 2) + (whi[:, :, 1] ** 2) + eps
    x_p = (boxes1[:, 0] + boxes1[:, 2]) / 2
    y_p = (boxes1[:, 1] + boxes1[:, 3]) / 2
    x_g = (boxes2[:, 0] + boxes2[:, 2]) / 2
    y_g = (boxes2[:, 1] + boxes2[:, 3]) / 2
    centers_distance_squared = ((x_p[:, None] - x_g[None, :]) ** 2) + ((y_p[:, None] - y_g[None, :]) ** 2)
    return iou - (centers_distance_squared / diagonal_distance_squared), iou


def tv_distance_box_iou(boxes1, boxes2, eps=1e-7):
    diou, _ = _tv_box_diou_iou(boxes1, boxes2, eps=eps)
    return diou


def tv_complete_box_iou(boxes1, boxes2, eps=1e-7):
    diou, iou = _tv_box_diou_iou(boxes1, boxes2, eps)
    w_pred = boxes1[:, None, 2] - boxes1[:, None, 0]
    h_pred = boxes1[:, None, 3] - boxes1[:, None, 1]
    w_gt = boxes2[:, 2] - boxes2[:, 0]
    h_gt = boxes2[:, 3] - boxes2[:, 1]
    v = (4 / (torch.pi**2)) * torch.pow(torch.atan(w_pred / h_pred) - torch.atan(w_gt / h_gt), 2)
    alpha = v / (1 - iou + v + eps)
    return diou - alpha * v


def tv_complete_box_iou_loss_terms(boxes1, boxes2, eps=1e-7):
    """Port of an elementwise (matched pairs) torchvision release of ``complete_box_iou_loss``
    (torchvision/ops/ciou_loss.py, itself from detectron2's losses.py). Returns
    (DIoU loss, CIoU loss). That version adds eps to the union too, so it agrees
    with the pairwise functions only to about 1e-7 relative."""
    x1, y1, x2, y2 = boxes1.unbind(dim=-1)
    x1g, y1g, x2g, y2g = boxes2.unbind(dim=-1)
    xkis1 = torch.max(x1, x1g)
    ykis1 = torch.max(y1, y1g)
    xkis2 = torch.min(x2, x2g)
    ykis2 = torch.min(y2, y2g)
    intsct = torch.zeros_like(x1)
    mask = (ykis2 > ykis1) & (xkis2 > xkis1)
    intsct[mask] = (xkis2[mask] - xkis1[mask]) * (ykis2[mask] - ykis1[mask])
    union = (x2 - x1) * (y2 - y1) + (x2g - x1g) * (y2g - y1g) - intsct + eps
    iou = intsct / union
    xc1 = torch.min(x1, x1g)
    yc1 = torch.min(y1, y1g)
    xc2 = torch.max(x2, x2g)
    yc2 = torch.max(y2, y2g)
    diag_len = ((xc2 - xc1) ** 2) + ((yc2 - yc1) ** 2) + eps
    x_p = (x2 + x1) / 2
    y_p = (y2 + y1) / 2
    x_g = (x1g + x2g) / 2
    y_g = (y1g + y2g) / 2
    distance = ((x_p - x_g) ** 2) + ((y_p - y_g) ** 2)
    w_pred = x2 - x1
    h_pred = y2 - y1
    w_gt = x2g - x1g
    h_gt = y2g - y1g
    v = (4 / (torch.pi**2)) * torch.pow((torch.atan(w_gt / h_gt) - torch.atan(w_pred / h_pred)), 2)
    alpha = v / (1 - iou + v + eps)
    diou_loss = 1 - iou + (distance / diag_len)
    return diou_loss, diou_loss + alpha * v


def _t(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def _tv(fn, b1, b2):
    return fn(_t(b1), _t(b2)).numpy()


# ---------------------------------------------------------------------------
# Port of the torchvision CPU NMS kernel (torchvision/csrc/ops/cpu/nms_kernel.cpp).
# ---------------------------------------------------------------------------


def tv_nms(boxes, scores, iou_threshold):
    dets = _t(boxes)
    sc = _t(scores)
    if dets.numel() == 0:
        return np.zeros(0, dtype=np.int64)
    x1, y1, x2, y2 = (dets[:, i].tolist() for i in range(4))
    areas = ((dets[:, 2] - dets[:, 0]) * (dets[:, 3] - dets[:, 1])).tolist()
    order = torch.sort(sc, dim=0, descending=True, stable=True).indices.tolist()
    suppressed = [False] * len(order)
    keep = []
    for _i, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        for j in order[_i + 1 :]:
            if suppressed[j]:
                continue
            w = max(0.0, min(x2[i], x2[j]) - max(x1[i], x1[j]))
            h = max(0.0, min(y2[i], y2[j]) - max(y1[i], y1[j]))
            inter = w * h
            union = areas[i] + areas[j] - inter
            ovr = inter / union if union != 0 else math.nan  # C++: 0/0 is nan, nan > t is false
            if ovr > iou_threshold:
                suppressed[j] = True
    return np.array(keep, dtype=np.int64)


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def random_boxes(rng, n, lo=0.0, hi=10.0, min_side=0.1, max_side=6.0):
    xy = rng.uniform(lo, hi, size=(n, 2))
    wh = rng.uniform(min_side, max_side, size=(n, 2))
    return np.concatenate([xy, xy + wh], axis=1)


def edge_boxes():
    """Identical, contained, touching, disjoint on one/both axes, tiny and huge boxes."""
    return np.array(
        [
            [0.0, 0.0, 2.0, 2.0],
            [0.0, 0.0, 2.0, 2.0],  # identical to the first
            [0.5, 0.5, 1.5, 1.5],  # contained, same centre
            [2.0, 0.0, 4.0, 2.0],  # touching the first on an edge
            [5.0, 5.0, 6.0, 9.0],  # disjoint on both axes
            [0.0, 3.0, 2.0, 4.0],  # disjoint on y only
            [1e-3, 1e-3, 2e-3, 3e-3],  # tiny
            [-1e4, -1e4, 1e4, 1e4],  # huge
        ]
    )


box_strategy = st.tuples(st.floats(-50, 50), st.floats(-50, 50), st.floats(0.01, 30), st.floats(0.01, 30)).map(
    lambda t: [t[0], t[1], t[0] + t[2], t[1] + t[3]]
)
boxes_strategy = st.lists(box_strategy, min_size=1, max_size=6).map(lambda b: np.array(b, dtype=np.float64))


# ---------------------------------------------------------------------------
# IoU family vs the torchvision formulas
# ---------------------------------------------------------------------------

PAIRS = [
    (box_iou, tv_box_iou),
    (generalized_box_iou, tv_generalized_box_iou),
    (distance_box_iou, tv_distance_box_iou),
    (complete_box_iou, tv_complete_box_iou),
]


@pytest.mark.parametrize("ours, theirs", PAIRS, ids=lambda f: getattr(f, "__name__", ""))
def test_iou_family_matches_torchvision_random(ours, theirs):
    rng = np.random.default_rng(0)
    for n, m in [(1, 1), (3, 5), (7, 2)]:
        b1, b2 = random_boxes(rng, n), random_boxes(rng, m)
        got = ours(b1, b2)
        assert got.shape == (n, m) and got.dtype == np.float64
        np.testing.assert_allclose(got, _tv(theirs, b1, b2), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("ours, theirs", PAIRS, ids=lambda f: getattr(f, "__name__", ""))
def test_iou_family_matches_torchvision_edges(ours, theirs):
    b = edge_boxes()
    np.testing.assert_allclose(ours(b, b), _tv(theirs, b, b), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(ours(b[:3], b[3:]), _tv(theirs, b[:3], b[3:]), rtol=1e-12, atol=1e-14)


def test_diou_ciou_match_the_elementwise_loss_port():
    rng = np.random.default_rng(5)
    b1, b2 = random_boxes(rng, 30, min_side=0.5), random_boxes(rng, 30, min_side=0.5)
    b1 = np.concatenate([b1, edge_boxes()[:6]])
    b2 = np.concatenate([b2, edge_boxes()[1:7]])
    diou_loss, ciou_loss = (t.numpy() for t in tv_complete_box_iou_loss_terms(_t(b1), _t(b2)))
    np.testing.assert_allclose(np.diag(distance_box_iou(b1, b2)), 1 - diou_loss, rtol=0, atol=1e-6)
    np.testing.assert_allclose(np.diag(complete_box_iou(b1, b2)), 1 - ciou_loss, rtol=0, atol=1e-6)


def test_box_iou_known_values():
    b = edge_boxes()
    iou = box_iou(b, b)
    assert iou[0, 1] == 1.0  # identical
    assert iou[0, 2] == pytest.approx(1.0 / 4.0)  # contained: 1 / 4
    assert iou[0, 3] == 0.0  # touching edge: zero intersection
    assert iou[0, 4] == 0.0
    assert iou[0, 5] == 0.0
    # classic half-overlap: [0,0,2,2] vs [1,0,3,2]: inter 2, union 6
    assert box_iou([[0, 0, 2, 2]], [[1, 0, 3, 2]])[0, 0] == pytest.approx(1 / 3)


def test_box_iou_zero_area_boxes_give_zero():
    pts = np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 5.0], [0.0, 0.0, 2.0, 2.0]])
    with np.errstate(all="raise"):
        iou = box_iou(pts, pts)
    expected_nan = np.isnan(_tv(tv_box_iou, pts, pts))
    assert expected_nan.any()  # torchvision divides 0 by 0 where the union is empty...
    assert np.all(iou[expected_nan] == 0.0)  # ...the catalogue says 0 there
    np.testing.assert_allclose(iou[~expected_nan], _tv(tv_box_iou, pts, pts)[~expected_nan])
    assert iou[3, 3] == 1.0
    assert np.all(np.isfinite(iou))


def _pixel_iou(a, b, size=12):
    """IoU by counting unit pixels of integer boxes on a grid."""
    grid_a = np.zeros((size, size), bool)
    grid_b = np.zeros((size, size), bool)
    grid_a[a[1] : a[3], a[0] : a[2]] = True
    grid_b[b[1] : b[3], b[0] : b[2]] = True
    union = (grid_a | grid_b).sum()
    return (grid_a & grid_b).sum() / union if union else 0.0


def test_box_iou_matches_pixel_counting():
    rng = np.random.default_rng(1)
    lo = rng.integers(0, 8, size=(20, 2))
    hi = lo + rng.integers(0, 5, size=(20, 2))  # zero-width boxes included
    ib = np.concatenate([lo, hi], axis=1)
    got = box_iou(ib.astype(float), ib.astype(float))
    want = np.array([[_pixel_iou(a, b) for b in ib] for a in ib])
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


@settings(max_examples=40, deadline=None)
@given(boxes_strategy, boxes_strategy)
def test_iou_properties(b1, b2):
    iou = box_iou(b1, b2)
    assert np.all((iou >= 0) & (iou <= 1 + 1e-12))
    np.testing.assert_allclose(iou, box_iou(b2, b1).T, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(np.diag(box_iou(b1, b1)), 1.0, rtol=1e-9)
    giou = generalized_box_iou(b1, b2)
    assert np.all((giou >= -1 - 1e-12) & (giou <= iou + 1e-12))
    np.testing.assert_allclose(giou, generalized_box_iou(b2, b1).T, rtol=1e-9, atol=1e-12)
    diou = distance_box_iou(b1, b2)
    assert np.all((diou > -1) & (diou <= iou + 1e-12))
    ciou = complete_box_iou(b1, b2)
    assert np.all(ciou <= diou + 1e-12)
    np.testing.assert_allclose(ciou, _tv(tv_complete_box_iou, b1, b2), rtol=1e-9, atol=1e-12)


def test_ciou_identical_boxes_is_one_and_finite():
    b = random_boxes(np.random.default_rng(2), 4)
    with np.errstate(all="raise"):
        c = complete_box_iou(b, b)
    np.testing.assert_allclose(np.diag(c), 1.0, rtol=1e-12)


# ---------------------------------------------------------------------------
# NMS vs the torchvision kernel
# ---------------------------------------------------------------------------


def test_nms_matches_torchvision_random():
    rng = np.random.default_rng(3)
    for n in [1, 5, 20, 40]:
        boxes = random_boxes(rng, n, hi=8.0)
        scores = rng.integers(0, 5, size=n).astype(float)  # many ties
        for thr in [0.0, 0.3, 0.5, 0.9]:
            got = nms(boxes, scores, thr)
            assert got.dtype == np.int64 and got.ndim == 1
            np.testing.assert_array_equal(got, tv_nms(boxes, scores, thr))


def test_nms_hand_cases():
    boxes = np.array([[0, 0, 2, 1], [0, 0, 1, 1], [5, 5, 6, 6]], dtype=float)  # IoU(0, 1) = 0.5 exactly
    scores = np.array([0.9, 0.8, 0.7])
    np.testing.assert_array_equal(nms(boxes, scores, 0.5), [0, 1, 2])  # not suppressed at equality
    np.testing.assert_array_equal(nms(boxes, scores, 0.49), [0, 2])
    # equal scores: lower index first
    same = np.array([[0, 0, 1, 1], [0, 0, 1, 1], [3, 3, 4, 4]], dtype=float)
    np.testing.assert_array_equal(nms(same, np.array([0.5, 0.5, 0.5]), 0.5), [0, 2])
    # zero-area boxes are never suppressed and never suppress
    zero = np.array([[1, 1, 1, 1], [1, 1, 1, 1], [0, 0, 2, 2]], dtype=float)
    np.testing.assert_array_equal(nms(zero, np.array([0.9, 0.8, 0.7]), 0.0), [0, 1, 2])
    np.testing.assert_array_equal(nms(zero, np.array([0.9, 0.8, 0.7]), 0.0), tv_nms(zero, [0.9, 0.8, 0.7], 0.0))
    empty = nms(np.zeros((0, 4)), np.zeros(0), 0.5)
    assert empty.shape == (0,) and empty.dtype == np.int64


@settings(max_examples=40, deadline=None)
@given(
    boxes_strategy,
    st.lists(st.integers(0, 3), min_size=6, max_size=6),
    st.sampled_from([0.0, 0.25, 0.5, 0.7]),
)
def test_nms_properties(boxes, raw_scores, thr):
    scores = np.array(raw_scores[: len(boxes)], dtype=float)
    keep = nms(boxes, scores, thr)
    assert keep.dtype == np.int64
    assert len(set(keep.tolist())) == len(keep) and set(keep.tolist()) <= set(range(len(boxes)))
    ks = scores[keep]
    assert np.all(ks[:-1] >= ks[1:])  # decreasing score order
    for a, b in zip(keep[:-1], keep[1:], strict=True):
        if scores[a] == scores[b]:
            assert a < b  # ties by index
    iou = box_iou(boxes, boxes)
    kept = set(keep.tolist())
    for pos, i in enumerate(keep):
        for j in keep[pos + 1 :]:
            assert iou[i, j] <= thr
    rank = {int(i): r for r, i in enumerate(np.argsort(-scores, kind="stable"))}
    for j in set(range(len(boxes))) - kept:  # every dropped box has a kept, earlier-ranked suppressor
        assert any(iou[i, j] > thr and rank[int(i)] < rank[j] for i in kept)
    np.testing.assert_array_equal(keep, tv_nms(boxes, scores, thr))


# ---------------------------------------------------------------------------
# average_precision vs pycocotools COCOeval
# ---------------------------------------------------------------------------


def coco_ap(scores, is_tp, num_gt):
    """AP@[IoU=0.50] of one class, one image, from pycocotools.

    Ground truths are disjoint 40x40 squares; a true positive is an exact copy of
    a distinct ground truth (IoU 1 with it, 0 with the others), a false positive
    lies far from every ground truth.
    """
    gts = [[(k % 20) * 50.0, (k // 20) * 50.0, 40.0, 40.0] for k in range(num_gt)]
    dataset = {
        "images": [{"id": 1, "width": 2000, "height": 2000}],
        "categories": [{"id": 1, "name": "thing"}],
        "annotations": [
            {"id": k + 1, "image_id": 1, "category_id": 1, "bbox": g, "area": g[2] * g[3], "iscrowd": 0}
            for k, g in enumerate(gts)
        ],
    }
    dets = []
    next_gt = 0
    for s, tp in zip(scores, is_tp, strict=True):
        if tp:
            box = gts[next_gt]
            next_gt += 1
        else:
            box = [1500.0, 1500.0, 40.0, 40.0]
        dets.append({"image_id": 1, "category_id": 1, "bbox": list(box), "score": float(s)})
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO()
        gt.dataset = dataset
        gt.createIndex()
        dt = gt.loadRes(dets)
        ev = COCOeval(gt, dt, iouType="bbox")
        ev.evaluate()
        ev.accumulate()
    # precision: [T, R, K, A, M]; IoU 0.5, all recall thresholds, class 0, area "all", maxDets 100
    prec = ev.eval["precision"][0, :, 0, 0, -1]
    assert prec.shape == (101,)
    return float(np.mean(prec))


def test_average_precision_hand_worked():
    # sorted: TP (1/1, rc 1/3), FP (1/2, rc 1/3), TP (2/3, rc 2/3); envelope 1, 2/3, 2/3
    # r = 0.00..0.33 -> 1 (34 thresholds), r = 0.34..0.66 -> 2/3 (33), r >= 0.67 -> 0
    ap = average_precision(np.array([0.8, 0.9, 0.3]), np.array([False, True, True]), 3)
    assert ap == pytest.approx((34 + 33 * 2 / 3) / 101, rel=1e-12)


@pytest.mark.parametrize(
    "scores, is_tp, num_gt",
    [
        ([0.8, 0.9, 0.3], [False, True, True], 3),
        ([0.9, 0.8, 0.7, 0.6], [True, True, True, True], 4),  # perfect: AP 1
        ([0.9, 0.8], [False, False], 2),  # nothing found: AP 0
        ([0.5, 0.5, 0.5, 0.5], [False, True, False, True], 2),  # all tied: input order decides
        ([0.9, 0.7, 0.7, 0.7, 0.2], [1, 0, 1, 0, 1], 6),  # 0/1 ints, partial ties, recall < 1
        ([0.9 - 0.05 * i for i in range(12)], [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0], 10),  # recall hits 0.7
    ],
)
def test_average_precision_matches_pycocotools_fixed(scores, is_tp, num_gt):
    got = average_precision(np.array(scores), np.array(is_tp), num_gt)
    assert isinstance(got, float)
    assert got == pytest.approx(coco_ap(scores, is_tp, num_gt), rel=1e-12, abs=1e-15)


def test_average_precision_matches_pycocotools_random():
    rng = np.random.default_rng(4)
    for _ in range(8):
        d = int(rng.integers(1, 30))
        is_tp = rng.random(d) < 0.6
        num_gt = int(is_tp.sum() + rng.integers(0, 4)) or 1
        scores = np.round(rng.random(d), 1)  # rounding creates ties
        got = average_precision(scores, is_tp, num_gt)
        assert got == pytest.approx(coco_ap(scores, is_tp, num_gt), rel=1e-12, abs=1e-15)


def test_average_precision_no_detections_is_zero():
    assert average_precision(np.zeros(0), np.zeros(0, dtype=bool), 3) == 0.0


def test_average_precision_threshold_0_7_is_above_0_7():
    r = np.linspace(0, 1, 101)
    assert r[70] > 0.7  # the reason the "recall hits 0.7" case is delicate
    # 7 TPs of 10 gts then nothing: r[70] is past recall 0.7, so only 70 thresholds count
    ap = average_precision(np.linspace(1, 0.1, 7), np.ones(7, bool), 10)
    assert ap == pytest.approx(70 / 101, rel=1e-12)
    assert ap == pytest.approx(coco_ap(np.linspace(1, 0.1, 7), [True] * 7, 10), rel=1e-12)

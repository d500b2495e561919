"""Reference solutions: box overlap measures, non-maximum suppression and COCO AP.

Boxes are float64 arrays of shape (N, 4) in corner format ``(x1, y1, x2, y2)``
with ``x2 >= x1`` and ``y2 >= y1``. Areas are continuous, ``(x2 - x1) * (y2 - y1)``,
without the old "+1 pixel" convention of VOC / early R-CNN code.

* ``box_iou`` accepts zero-area boxes and returns 0 where the union is empty.
* ``generalized_box_iou``, ``distance_box_iou`` and ``complete_box_iou`` follow
  ``torchvision.ops`` exactly (DIoU/CIoU with ``eps = 1e-7``) and need boxes of
  positive width and height.
* ``nms`` follows ``torchvision.ops.nms``: stable sort by decreasing score,
  suppress when IoU > threshold (strictly), indices as int64.
* ``average_precision`` follows ``pycocotools`` ``COCOeval.accumulate`` for one
  class, one IoU threshold: 101 recall thresholds, precision envelope.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "box_iou",
    "generalized_box_iou",
    "distance_box_iou",
    "complete_box_iou",
    "nms",
    "average_precision",
]


def _boxes(b) -> np.ndarray:
    return np.asarray(b, dtype=np.float64).reshape(-1, 4)


def _area(b: np.ndarray) -> np.ndarray:
    return (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])


def _inter_union(b1: np.ndarray, b2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise intersection and union areas, each (N, M)."""
    lt = np.maximum(b1[:, None, :2], b2[None, :, :2])  # (N, M, 2)
    rb = np.minimum(b1[:, None, 2:], b2[None, :, 2:])
    wh = np.clip(rb - lt, 0.0, None)  # no overlap -> 0 width/height
    inter = wh[..., 0] * wh[..., 1]
    union = _area(b1)[:, None] + _area(b2)[None, :] - inter
    return inter, union


def _enclosing_wh(b1: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """Width and height of the smallest box enclosing each pair, (N, M, 2)."""
    lt = np.minimum(b1[:, None, :2], b2[None, :, :2])
    rb = np.maximum(b1[:, None, 2:], b2[None, :, 2:])
    return np.clip(rb - lt, 0.0, None)


def box_iou(boxes1, boxes2):
    """Pairwise IoU.

    boxes1 (N, 4), boxes2 (M, 4) -> (N, M) float64. Continuous areas (no +1).
    Zero-area boxes are allowed; where the union is empty (two degenerate boxes)
    the IoU is 0 rather than 0/0.
    """
    b1, b2 = _boxes(boxes1), _boxes(boxes2)
    inter, union = _inter_union(b1, b2)
    out = np.zeros_like(inter)
    np.divide(inter, union, out=out, where=union > 0)
    return out


def generalized_box_iou(boxes1, boxes2):
    """Pairwise GIoU = IoU - (C - U) / C, C the area of the smallest enclosing box.

    boxes1 (N, 4), boxes2 (M, 4) with x2 > x1 and y2 > y1 -> (N, M) float64 in [-1, 1].
    Same formula as ``torchvision.ops.generalized_box_iou``.
    """
    b1, b2 = _boxes(boxes1), _boxes(boxes2)
    inter, union = _inter_union(b1, b2)
    iou = inter / union
    wh = _enclosing_wh(b1, b2)
    enclosure = wh[..., 0] * wh[..., 1]
    return iou - (enclosure - union) / enclosure


def _diou_iou(b1: np.ndarray, b2: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    inter, union = _inter_union(b1, b2)
    iou = inter / union
    wh = _enclosing_wh(b1, b2)
    diag2 = wh[..., 0] ** 2 + wh[..., 1] ** 2 + eps  # squared diagonal of the enclosing box
    c1 = (b1[:, :2] + b1[:, 2:]) / 2  # centres (N, 2)
    c2 = (b2[:, :2] + b2[:, 2:]) / 2
    rho2 = ((c1[:, None, :] - c2[None, :, :]) ** 2).sum(-1)  # squared centre distance
    return iou - rho2 / diag2, iou


def distance_box_iou(boxes1, boxes2):
    """Pairwise DIoU = IoU - rho^2 / (c^2 + eps), eps = 1e-7 (as torchvision).

    rho: distance between the box centres; c: diagonal of the smallest enclosing box.
    boxes1 (N, 4), boxes2 (M, 4) with x2 > x1 and y2 > y1 -> (N, M) float64.
    """
    diou, _ = _diou_iou(_boxes(boxes1), _boxes(boxes2), 1e-7)
    return diou


def complete_box_iou(boxes1, boxes2):
    """Pairwise CIoU = DIoU - alpha * v (as torchvision, eps = 1e-7).

    v = 4 / pi^2 * (atan(w1 / h1) - atan(w2 / h2))^2 (aspect-ratio consistency),
    alpha = v / (1 - IoU + v + eps).
    boxes1 (N, 4), boxes2 (M, 4) with x2 > x1 and y2 > y1 -> (N, M) float64.
    """
    eps = 1e-7
    b1, b2 = _boxes(boxes1), _boxes(boxes2)
    diou, iou = _diou_iou(b1, b2, eps)
    a1 = np.arctan((b1[:, 2] - b1[:, 0]) / (b1[:, 3] - b1[:, 1]))
    a2 = np.arctan((b2[:, 2] - b2[:, 0]) / (b2[:, 3] - b2[:, 1]))
    v = (4 / np.pi**2) * (a1[:, None] - a2[None, :]) ** 2
    alpha = v / (1 - iou + v + eps)
    return diou - alpha * v


def nms(boxes, scores, iou_threshold):
    """Greedy non-maximum suppression, as ``torchvision.ops.nms``.

    boxes (N, 4), scores (N,) -> int64 indices (K,) of the kept boxes in
    decreasing score order. Equal scores keep increasing index order (stable
    sort). A box is suppressed when its IoU with an already kept box is strictly
    greater than ``iou_threshold``. A zero-area box has IoU 0 with every box.
    """
    b = _boxes(boxes)
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    order = np.argsort(-s, kind="stable")
    suppressed = np.zeros(len(s), dtype=bool)
    keep: list[int] = []
    for pos, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(int(i))
        rest = order[pos + 1 :]
        if rest.size:
            iou = box_iou(b[i : i + 1], b[rest])[0]
            suppressed[rest[iou > iou_threshold]] = True
    return np.array(keep, dtype=np.int64)


def average_precision(scores, is_tp, num_gt):
    """COCO-style AP of one class at one IoU threshold (pycocotools ``accumulate``).

    scores (D,) detection scores; is_tp (D,) bool or 0/1, whether each detection
    matched a ground truth; num_gt >= 1 ground truths (sum(is_tp) <= num_gt).
    Detections are sorted by decreasing score with a stable sort (ties keep
    input order). Precision is made non-increasing from the right (envelope);
    for each of the 101 thresholds ``r = np.linspace(0, 1, 101)`` the enveloped
    precision at ``np.searchsorted(recall, r, side='left')`` is taken (0 past the
    last detection). Returns the mean of the 101 values as a float.
    """
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    tp = np.asarray(is_tp).reshape(-1).astype(bool)
    order = np.argsort(-s, kind="stable")
    tp = tp[order]
    tp_cum = np.cumsum(tp).astype(np.float64)
    fp_cum = np.cumsum(~tp).astype(np.float64)
    recall = tp_cum / num_gt
    # pycocotools adds np.spacing(1) to the denominator (harmless, it is never 0 here)
    precision = tp_cum / (tp_cum + fp_cum + np.spacing(1))
    # envelope: precision[i] = max(precision[i:])
    precision = np.maximum.accumulate(precision[::-1])[::-1]
    thresholds = np.linspace(0.0, 1.0, 101)
    idx = np.searchsorted(recall, thresholds, side="left")
    q = np.zeros(len(thresholds))
    valid = idx < len(precision)
    q[valid] = precision[idx[valid]]
    return float(q.mean())

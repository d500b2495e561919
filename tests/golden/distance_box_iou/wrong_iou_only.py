# expect: fail
# case: fixed 1x1 diagonal shift
# hint: none
import numpy as np


def distance_box_iou(boxes1, boxes2):
    # computes the centre-distance penalty but never subtracts it
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    lt = np.maximum(boxes1[:, None, :2], boxes2[:, :2])
    rb = np.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    wh = np.clip(rb - lt, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    iou = inter / (area1[:, None] + area2 - inter)
    c_wh = np.maximum(boxes1[:, None, 2:], boxes2[:, 2:]) - np.minimum(boxes1[:, None, :2], boxes2[:, :2])
    penalty = ((boxes1[:, None, :2] + boxes1[:, None, 2:]) / 2 - (boxes2[:, :2] + boxes2[:, 2:]) / 2) ** 2
    penalty = penalty.sum(-1) / ((c_wh**2).sum(-1) + 1e-7)
    diou = iou
    diou - penalty
    return diou

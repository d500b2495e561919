# expect: fail
# case: identical boxes (v = 0, IoU = 1)
# hint: alpha-no-eps
import numpy as np


def complete_box_iou(boxes1, boxes2):
    eps = 1e-7
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    lt = np.maximum(boxes1[:, None, :2], boxes2[:, :2])
    rb = np.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    wh = np.clip(rb - lt, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    iou = inter / (area1[:, None] + area2 - inter)
    c_wh = np.maximum(boxes1[:, None, 2:], boxes2[:, 2:]) - np.minimum(boxes1[:, None, :2], boxes2[:, :2])
    c2 = (c_wh**2).sum(-1) + eps
    ctr1 = (boxes1[:, :2] + boxes1[:, 2:]) / 2
    ctr2 = (boxes2[:, :2] + boxes2[:, 2:]) / 2
    rho2 = ((ctr1[:, None] - ctr2[None]) ** 2).sum(-1)
    w1, h1 = boxes1[:, 2] - boxes1[:, 0], boxes1[:, 3] - boxes1[:, 1]
    w2, h2 = boxes2[:, 2] - boxes2[:, 0], boxes2[:, 3] - boxes2[:, 1]
    v = 4 / np.pi**2 * (np.arctan(w1 / h1)[:, None] - np.arctan(w2 / h2)[None]) ** 2
    alpha = v / (1 - iou + v)
    return iou - rho2 / c2 - alpha * v

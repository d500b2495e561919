# expect: fail
# case: small boxes (eps = 1e-7 matters)
# hint: no-eps
import numpy as np


def distance_box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    lt = np.maximum(boxes1[:, None, :2], boxes2[:, :2])
    rb = np.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    wh = np.clip(rb - lt, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    iou = inter / (area1[:, None] + area2 - inter)
    c_wh = np.maximum(boxes1[:, None, 2:], boxes2[:, 2:]) - np.minimum(boxes1[:, None, :2], boxes2[:, :2])
    c2 = (c_wh**2).sum(-1)  # the boxes have positive size, so no eps "needed"
    ctr1 = (boxes1[:, :2] + boxes1[:, 2:]) / 2
    ctr2 = (boxes2[:, :2] + boxes2[:, 2:]) / 2
    rho2 = ((ctr1[:, None] - ctr2[None]) ** 2).sum(-1)
    return iou - rho2 / c2

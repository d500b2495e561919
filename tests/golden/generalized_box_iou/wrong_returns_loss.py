# expect: fail
# case: fixed 1x1 disjoint (GIoU = -1/3)
# hint: returned-loss
import numpy as np


def generalized_box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    lt = np.maximum(boxes1[:, None, :2], boxes2[:, :2])
    rb = np.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    wh = np.clip(rb - lt, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, None] + area2 - inter
    clt = np.minimum(boxes1[:, None, :2], boxes2[:, :2])
    crb = np.maximum(boxes1[:, None, 2:], boxes2[:, 2:])
    c = (crb - clt).prod(-1)
    giou = inter / union - (c - union) / c
    return 1 - giou  # the loss used to train DETR

# expect: fail
# case: fixed 1x1 disjoint (GIoU = -1/3)
# hint: none
import numpy as np


def generalized_box_iou(boxes1, boxes2):
    # pairs boxes1[i] with boxes2[i] (a loss on matched boxes), not every pair
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    lt = np.maximum(boxes1[:, :2], boxes2[:, :2])
    rb = np.minimum(boxes1[:, 2:], boxes2[:, 2:])
    wh = np.clip(rb - lt, 0, None)
    inter = wh[:, 0] * wh[:, 1]
    union = area1 + area2 - inter
    c = (np.maximum(boxes1[:, 2:], boxes2[:, 2:]) - np.minimum(boxes1[:, :2], boxes2[:, :2])).prod(-1)
    return inter / union - (c - union) / c

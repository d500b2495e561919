# expect: fail
# case: fixed 1x1 half overlap
# hint: plus-one-area
import numpy as np


def box_iou(boxes1, boxes2):
    # pixel-inclusive areas, as in the old Fast R-CNN code
    area1 = (boxes1[:, 2] - boxes1[:, 0] + 1) * (boxes1[:, 3] - boxes1[:, 1] + 1)
    area2 = (boxes2[:, 2] - boxes2[:, 0] + 1) * (boxes2[:, 3] - boxes2[:, 1] + 1)
    xx1 = np.maximum(boxes1[:, None, 0], boxes2[None, :, 0])
    yy1 = np.maximum(boxes1[:, None, 1], boxes2[None, :, 1])
    xx2 = np.minimum(boxes1[:, None, 2], boxes2[None, :, 2])
    yy2 = np.minimum(boxes1[:, None, 3], boxes2[None, :, 3])
    w = np.maximum(0.0, xx2 - xx1 + 1)
    h = np.maximum(0.0, yy2 - yy1 + 1)
    inter = w * h
    return inter / (area1[:, None] + area2[None, :] - inter)

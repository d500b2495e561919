# expect: fail
# case: fixed 1x1 square vs wide box
# hint: none
import numpy as np


def complete_box_iou(boxes1, boxes2):
    eps = np.float32(1e-7)
    b1 = np.asarray(boxes1, dtype=np.float32)
    b2 = np.asarray(boxes2, dtype=np.float32)
    w1, h1 = b1[:, 2] - b1[:, 0], b1[:, 3] - b1[:, 1]
    w2, h2 = b2[:, 2] - b2[:, 0], b2[:, 3] - b2[:, 1]
    lt = np.maximum(b1[:, None, :2], b2[:, :2])
    rb = np.minimum(b1[:, None, 2:], b2[:, 2:])
    wh = np.clip(rb - lt, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    iou = inter / ((w1 * h1)[:, None] + w2 * h2 - inter)
    c_wh = np.maximum(b1[:, None, 2:], b2[:, 2:]) - np.minimum(b1[:, None, :2], b2[:, :2])
    c2 = (c_wh**2).sum(-1) + eps
    rho2 = ((((b1[:, :2] + b1[:, 2:]) / 2)[:, None] - (b2[:, :2] + b2[:, 2:]) / 2) ** 2).sum(-1)
    v = np.float32(4 / np.pi**2) * (np.arctan(w1 / h1)[:, None] - np.arctan(w2 / h2)[None]) ** 2
    alpha = v / (1 - iou + v + eps)
    return iou - rho2 / c2 - alpha * v

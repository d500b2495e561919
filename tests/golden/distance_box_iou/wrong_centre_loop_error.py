# expect: error
# case: fixed 2x2
# hint: none
import numpy as np


def distance_box_iou(boxes1, boxes2):
    # treats the inputs as matched pairs: breaks as soon as N != M or N > 1
    out = np.zeros((len(boxes1), len(boxes2)))
    for i in range(len(boxes1)):
        a, b = boxes1[i], boxes2[i * len(boxes2)]
        w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
        h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
        inter = w * h
        iou = inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)
        cw = max(a[2], b[2]) - min(a[0], b[0])
        ch = max(a[3], b[3]) - min(a[1], b[1])
        rho2 = ((a[0] + a[2] - b[0] - b[2]) / 2) ** 2 + ((a[1] + a[3] - b[1] - b[3]) / 2) ** 2
        out[i, :] = iou - rho2 / (cw**2 + ch**2 + 1e-7)
    return out

# expect: fail
# case: fixed 2x3
# hint: none
import numpy as np


def box_iou(boxes1, boxes2):
    # loops over boxes2 in the outer loop, so the result is (M, N)
    out = np.zeros((len(boxes2), len(boxes1)))
    for j, b in enumerate(boxes2):
        for i, a in enumerate(boxes1):
            w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
            h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
            inter = w * h
            union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
            out[j, i] = inter / union if union > 0 else 0.0
    return out

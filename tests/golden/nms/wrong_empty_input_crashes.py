# expect: error
# case: no boxes
# hint: none
import numpy as np


def nms(boxes, scores, iou_threshold):
    order = list(np.argsort(-scores, kind="stable"))
    keep = []
    while True:
        i = order.pop(0)  # IndexError when there is no box at all
        keep.append(i)
        survivors = []
        for j in order:
            w = max(0.0, min(boxes[i, 2], boxes[j, 2]) - max(boxes[i, 0], boxes[j, 0]))
            h = max(0.0, min(boxes[i, 3], boxes[j, 3]) - max(boxes[i, 1], boxes[j, 1]))
            inter = w * h
            union = (
                (boxes[i, 2] - boxes[i, 0]) * (boxes[i, 3] - boxes[i, 1])
                + (boxes[j, 2] - boxes[j, 0]) * (boxes[j, 3] - boxes[j, 1])
                - inter
            )
            iou = inter / union if union > 0 else 0.0
            if iou <= iou_threshold:
                survivors.append(j)
        order = survivors
        if not order:
            break
    return np.array(keep, dtype=np.int64)

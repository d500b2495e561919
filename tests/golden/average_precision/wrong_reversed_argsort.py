# expect: fail
# case: fixed equal scores (input order decides)
# hint: none
import numpy as np


def average_precision(scores, is_tp, num_gt):
    order = np.argsort(scores)[::-1]  # ties end up in reverse input order
    tp = np.asarray(is_tp, dtype=bool)[order]
    tp_cum = np.cumsum(tp).astype(float)
    fp_cum = np.cumsum(~tp).astype(float)
    recall = tp_cum / num_gt
    precision = tp_cum / (tp_cum + fp_cum)
    precision = np.maximum.accumulate(precision[::-1])[::-1]
    q = np.zeros(101)
    for k, r in enumerate(np.linspace(0, 1, 101)):
        i = np.searchsorted(recall, r, side="left")
        if i < len(precision):
            q[k] = precision[i]
    return float(q.mean())

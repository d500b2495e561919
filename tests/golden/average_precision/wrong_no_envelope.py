# expect: fail
# case: fixed equal scores (input order decides)
# hint: no-envelope
import numpy as np


def average_precision(scores, is_tp, num_gt):
    order = np.argsort(-scores, kind="stable")
    tp = np.asarray(is_tp, dtype=bool)[order]
    tp_cum = np.cumsum(tp).astype(float)
    fp_cum = np.cumsum(~tp).astype(float)
    recall = tp_cum / num_gt
    precision = tp_cum / (tp_cum + fp_cum)
    q = np.zeros(101)
    idx = np.searchsorted(recall, np.linspace(0, 1, 101), side="left")
    ok = idx < len(precision)
    q[ok] = precision[idx[ok]]
    return float(q.mean())

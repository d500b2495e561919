# expect: fail
# case: fixed TP, FP, TP after sorting, 3 gts
# hint: voc-11-point
import numpy as np


def average_precision(scores, is_tp, num_gt):
    order = np.argsort(-scores, kind="stable")
    tp = np.asarray(is_tp, dtype=float)[order]
    tp_cum = np.cumsum(tp)
    fp_cum = np.cumsum(1 - tp)
    rec = tp_cum / num_gt
    prec = tp_cum / np.maximum(tp_cum + fp_cum, 1)
    ap = 0.0
    for t in np.arange(0.0, 1.1, 0.1):
        p = np.max(prec[rec >= t]) if np.any(rec >= t) else 0.0
        ap += p / 11.0
    return float(ap)

# expect: fail
# case: recall hits 0.7 exactly (10 gts)
# hint: none
import numpy as np


def average_precision(scores, is_tp, num_gt):
    order = np.argsort(-scores, kind="stable")
    tp = np.asarray(is_tp, dtype=bool)[order]
    tp_cum = np.cumsum(tp).astype(float)
    fp_cum = np.cumsum(~tp).astype(float)
    recall = tp_cum / num_gt
    precision = tp_cum / (tp_cum + fp_cum)
    precision = np.maximum.accumulate(precision[::-1])[::-1]
    thresholds = np.arange(101) / 100  # exact decimals, unlike np.linspace(0, 1, 101)
    idx = np.searchsorted(recall, thresholds, side="left")
    q = np.where(idx < len(precision), precision[np.minimum(idx, len(precision) - 1)], 0.0)
    return float(q.mean())

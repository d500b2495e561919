# expect: fail
# case: fixed TP, FP, TP after sorting, 3 gts
# hint: voc-all-point
import numpy as np


def average_precision(scores, is_tp, num_gt):
    order = np.argsort(-scores, kind="stable")
    tp = np.asarray(is_tp, dtype=float)[order]
    tp_cum = np.cumsum(tp)
    fp_cum = np.cumsum(1 - tp)
    rec = tp_cum / num_gt
    prec = tp_cum / (tp_cum + fp_cum)
    # VOC2010 devkit
    mrec = np.concatenate(([0.0], rec, [1.0]))
    mpre = np.concatenate(([0.0], prec, [0.0]))
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))

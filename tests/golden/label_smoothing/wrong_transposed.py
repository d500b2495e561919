# expect: fail
# case: fixed labels [0, 2], C = 3, eps = 0.3
# hint: none
# Builds the (C, N) matrix (one column per sample).
import numpy as np


def label_smoothing(labels, num_classes, eps):
    out = np.full((num_classes, len(labels)), eps / num_classes)
    out[labels, np.arange(len(labels))] += 1 - eps
    return out

# expect: fail
# case: fixed labels [0, 2], C = 3, eps = 0.3
# hint: true_class_missing_eps_over_c
# eps/C everywhere, but the true class overwritten with 1 - eps.
import numpy as np


def label_smoothing(labels, num_classes, eps):
    out = np.full((len(labels), num_classes), eps / num_classes)
    out[np.arange(len(labels)), labels] = 1 - eps
    return out

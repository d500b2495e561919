# expect: fail
# case: fixed labels [0, 2], C = 3, eps = 0.3
# hint: none
# Right values, float32 array.
import numpy as np


def label_smoothing(labels, num_classes, eps):
    out = np.full((len(labels), num_classes), eps / num_classes, dtype=np.float32)
    out[np.arange(len(labels)), labels] += 1 - eps
    return out

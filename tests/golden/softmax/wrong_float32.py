# expect: fail
# case: fixed 2x3
# hint: none
# Right idea, but the result is cast to float32 (the catalogue wants float64).
import numpy as np


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

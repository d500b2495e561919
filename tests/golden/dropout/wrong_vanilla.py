# expect: fail
# case: fixed 2x3, p = 0.5
# hint: scaled_at_test_time
# Original dropout: unscaled mask in training, x * (1 - p) at test time.
import numpy as np


def dropout(x, p, u, training=True):
    if training:
        return x * (u >= p)
    return x * (1 - p)

# expect: fail
# case: fixed [3, 4] clipped to 1
# hint: norm_after_clipping
# Reports the norm after clipping.
import numpy as np


def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    if norm > max_norm:
        grads = [g * (max_norm / norm) for g in grads]
    return grads, float(np.sqrt(sum(np.sum(g**2) for g in grads)))

# expect: fail
# case: fixed two arrays, no clipping needed
# hint: always_rescales
# Always rescales to max_norm, scaling small gradients up.
import numpy as np


def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    return [g * (max_norm / norm) for g in grads], norm

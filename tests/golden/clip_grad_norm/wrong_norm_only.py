# expect: fail
# case: fixed [3, 4] clipped to 1
# hint: none
# Mimics torch.nn.utils.clip_grad_norm_'s return value: the norm alone, not (clipped list, norm).
import numpy as np


def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    if norm > max_norm:
        for g in grads:
            g *= max_norm / norm
    return norm

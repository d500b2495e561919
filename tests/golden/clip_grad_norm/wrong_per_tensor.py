# expect: fail
# case: random 3 arrays, clipped
# hint: per_tensor_clipping
# Clips each array by its own norm.
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    out = []
    for g in grads:
        n = np.linalg.norm(g)
        out.append(g * (max_norm / n) if n > max_norm else g)
    return out, total

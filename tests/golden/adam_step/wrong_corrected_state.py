# expect: fail
# case: fixed t = 1 from zero moments
# hint: corrected-state
# Stores the bias-corrected moments as the new state.
import numpy as np

def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    m = (beta1 * m + (1 - beta1) * g) / (1 - beta1**t)
    v = (beta2 * v + (1 - beta2) * g * g) / (1 - beta2**t)
    return w - lr * m / (np.sqrt(v) + eps), m, v

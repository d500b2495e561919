# expect: fail
# case: fixed t = 1 from zero moments
# hint: zero-based-t
# Treats t as 0-based and corrects with beta**(t + 1).
import numpy as np

def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** (t + 1))
    v_hat = v / (1 - beta2 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v

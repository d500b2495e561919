# expect: fail
# case: fixed t = 1 from zero moments
# hint: none
# Right algorithm, float32 arithmetic.
import numpy as np

def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    w, g, m, v = (np.asarray(a, dtype=np.float32) for a in (w, g, m, v))
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v

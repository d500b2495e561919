# expect: fail
# case: fixed first step from s = 0
# hint: none
# Divides by the previous average s (huge steps when s = 0).
import numpy as np

def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-8):
    w_new = w - lr * g / (np.sqrt(s) + eps)
    return w_new, rho * s + (1 - rho) * g**2

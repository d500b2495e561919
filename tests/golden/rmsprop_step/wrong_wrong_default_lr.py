# expect: fail
# case: fixed first step from s = 0
# hint: none
# Default learning rate 0.01 instead of the catalogue's 0.001.
import numpy as np

def rmsprop_step(w, g, s, lr=0.01, rho=0.9, eps=1e-8):
    s = rho * s + (1 - rho) * g**2
    return w - lr * g / (np.sqrt(s) + eps), s

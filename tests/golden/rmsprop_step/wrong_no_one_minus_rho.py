# expect: fail
# case: fixed first step from s = 0
# hint: no-one-minus-rho
# Adds the full g**2 to the running average.
import numpy as np

def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-8):
    s = rho * s + g**2
    return w - lr * g / (np.sqrt(s) + eps), s

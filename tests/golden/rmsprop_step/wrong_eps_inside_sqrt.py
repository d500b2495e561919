# expect: fail
# case: tiny gradients 1e-6: eps outside the root
# hint: eps-inside-sqrt
# Puts eps under the square root.
import numpy as np

def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-8):
    s = rho * s + (1 - rho) * g**2
    return w - lr * g / np.sqrt(s + eps), s

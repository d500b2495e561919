# expect: fail
# case: tiny gradients 1e-6: eps outside the root
# hint: eps-inside-sqrt
# Puts eps under the square root.
import numpy as np

def adagrad_step(w, g, G, lr=0.01, eps=1e-8):
    G = G + g * g
    return w - lr * g / np.sqrt(G + eps), G

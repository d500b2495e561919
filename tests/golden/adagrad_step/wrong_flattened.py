# expect: fail
# case: random (2, 3)
# hint: none
# Flattens the parameters, so a (2, 3) input comes back as (6,).
import numpy as np

def adagrad_step(w, g, G, lr=0.01, eps=1e-8):
    w, g, G = np.ravel(w), np.ravel(g), np.ravel(G)
    G = G + g**2
    return w - lr * g / (np.sqrt(G) + eps), G

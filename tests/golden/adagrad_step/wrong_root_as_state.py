# expect: fail
# case: fixed first step from G = 0
# hint: none
# Returns sqrt(G') as the state instead of G'.
import numpy as np

def adagrad_step(w, g, G, lr=0.01, eps=1e-8):
    root = np.sqrt(G + g**2)
    return w - lr * g / (root + eps), root

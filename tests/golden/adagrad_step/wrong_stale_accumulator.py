# expect: fail
# case: fixed first step from G = 0
# hint: stale-accumulator
# Divides by the accumulator before adding the current g**2.
import numpy as np

def adagrad_step(w, g, G, lr=0.01, eps=1e-8):
    w_new = w - lr * g / (np.sqrt(G) + eps)
    return w_new, G + g**2

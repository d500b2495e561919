# expect: fail
# case: fixed 3 weights, zero velocity
# hint: stale-velocity
# Moves the weights with the velocity of the previous step.
import numpy as np

def momentum_step(w, g, v, lr, momentum=0.9):
    w_new = w - v
    v = momentum * v + lr * g
    return w_new, v

# expect: fail
# case: fixed 3 weights, zero velocity
# hint: none
# Returns the new weights alone instead of the tuple (w', v').
import numpy as np

def momentum_step(w, g, v, lr, momentum=0.9):
    v = momentum * v + lr * g
    return w - v

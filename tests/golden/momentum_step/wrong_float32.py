# expect: fail
# case: fixed 3 weights, zero velocity
# hint: none
# Right formulas, but everything is computed in float32.
import numpy as np

def momentum_step(w, g, v, lr, momentum=0.9):
    w, g, v = (np.asarray(a, dtype=np.float32) for a in (w, g, v))
    v_new = momentum * v + lr * g
    return w - v_new, v_new

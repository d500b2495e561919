# expect: error
# case: fixed diag(1, 2) quadratic
# hint: none
# Calls grad_fn with two arguments, which raises a TypeError.
import numpy as np

def nesterov_step(w, v, grad_fn, lr, momentum=0.9):
    g = grad_fn(w, momentum * v)
    v_new = momentum * v + lr * g
    return w - v_new, v_new

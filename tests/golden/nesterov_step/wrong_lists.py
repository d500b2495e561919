# expect: fail
# case: fixed diag(1, 2) quadratic
# hint: none
# Right update, but returns Python lists instead of NumPy arrays.
import numpy as np

def nesterov_step(w, v, grad_fn, lr, momentum=0.9):
    g = grad_fn(w - momentum * v)
    v_new = momentum * v + lr * g
    return (w - v_new).tolist(), v_new.tolist()

# expect: fail
# case: fixed diag(1, 2) quadratic
# hint: gradient-at-w
# Plain momentum: the gradient is taken at w, not at the look-ahead point.
import numpy as np

def nesterov_step(w, v, grad_fn, lr, momentum=0.9):
    v_new = momentum * v + lr * grad_fn(w)
    return w - v_new, v_new

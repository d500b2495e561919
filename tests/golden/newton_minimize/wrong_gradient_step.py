# expect: fail
# case: fixed diag(2, 4) quadratic from the origin
# hint: gradient-step
# Steps along the gradient with unit step size (no Hessian).
import numpy as np

def newton_minimize(grad_fn, hess_fn, x0, n_iter=20):
    x = np.array(x0, dtype=float)
    for _ in range(n_iter):
        step = grad_fn(x)
        x = x - step
        if np.linalg.norm(step) < 1e-12:
            break
    return x

# expect: fail
# case: fixed quadratic, n_iter = 1
# hint: none
# Divides by the diagonal of the Hessian only; right only for diagonal Hessians.
import numpy as np

def newton_minimize(grad_fn, hess_fn, x0, n_iter=20):
    x = np.array(x0, dtype=float)
    for _ in range(n_iter):
        step = grad_fn(x) / np.diag(hess_fn(x))
        x = x - step
        if np.linalg.norm(step) < 1e-12:
            break
    return x

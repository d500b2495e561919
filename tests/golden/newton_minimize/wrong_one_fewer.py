# expect: fail
# case: fixed quadratic, n_iter = 1
# hint: one-fewer-iteration
# Off by one: runs n_iter - 1 iterations.
import numpy as np

def newton_minimize(grad_fn, hess_fn, x0, n_iter=20):
    x = np.array(x0, dtype=float)
    for _ in range(1, n_iter):
        step = np.linalg.solve(hess_fn(x), grad_fn(x))
        x = x - step
        if np.linalg.norm(step) < 1e-12:
            break
    return x

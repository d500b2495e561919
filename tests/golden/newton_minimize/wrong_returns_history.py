# expect: fail
# case: fixed diag(2, 4) quadratic from the origin
# hint: none
# Returns the list of all iterates instead of the final x.
import numpy as np

def newton_minimize(grad_fn, hess_fn, x0, n_iter=20):
    xs = [np.array(x0, dtype=float)]
    for _ in range(n_iter):
        step = np.linalg.solve(hess_fn(xs[-1]), grad_fn(xs[-1]))
        xs.append(xs[-1] - step)
        if np.linalg.norm(step) < 1e-12:
            break
    return xs

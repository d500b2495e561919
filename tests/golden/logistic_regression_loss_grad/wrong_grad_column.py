# expect: fail
# case: fixed w = 0 (loss = log 2)
# hint: none
# Returns the gradient as an (n, 1) column.
import numpy as np

def logistic_regression_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    p = np.exp(-np.logaddexp(0, -z))
    loss = np.mean(np.logaddexp(0, z) - y * z) + 0.5 * l2 * np.sum(w**2)
    grad = X.T @ (p - y)[:, None] / len(y) + l2 * w[:, None]
    return loss, grad

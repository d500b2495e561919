# expect: fail
# case: fixed w = 0 (loss = log 2)
# hint: sum-not-mean
# Sums the per-sample losses and gradients instead of averaging them.
import numpy as np

def logistic_regression_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    p = np.exp(-np.logaddexp(0, -z))
    loss = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * l2 * np.sum(w**2)
    grad = X.T @ (p - y) + l2 * w
    return loss, grad

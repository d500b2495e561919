# expect: fail
# case: fixed w = 0 (loss = log 2)
# hint: none
# Returns the loss as a one-element array instead of a scalar.
import numpy as np

def logistic_regression_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    p = np.exp(-np.logaddexp(0, -z))
    loss = np.mean(np.logaddexp(0, z) - y * z, keepdims=True) + 0.5 * l2 * np.sum(w**2)
    grad = X.T @ (p - y) / len(y) + l2 * w
    return loss, grad

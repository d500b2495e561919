# expect: fail
# case: large |z| = 1e4, confident mistakes
# hint: clipped-probabilities
# Clips p to [1e-15, 1 - 1e-15]: finite, but the loss is capped.
import numpy as np

def logistic_regression_loss_grad(w, X, y, l2=0.0):
    z = X @ w
    p = np.exp(-np.logaddexp(0, -z))
    p = np.clip(p, 1e-15, 1 - 1e-15)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * l2 * np.sum(w**2)
    grad = X.T @ (p - y) / len(y) + l2 * w
    return loss, grad

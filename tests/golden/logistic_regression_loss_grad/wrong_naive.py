# expect: fail
# case: large |z| = 1e4, confident mistakes
# hint: naive-log-sigmoid
# Textbook formula: log(sigmoid(z)) overflows and hits log(0) for large |z|.
import numpy as np

def logistic_regression_loss_grad(w, X, y, l2=0.0):
    p = 1.0 / (1.0 + np.exp(-(X @ w)))
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * l2 * np.sum(w**2)
    grad = X.T @ (p - y) / len(y) + l2 * w
    return loss, grad

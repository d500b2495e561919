# expect: fail
# case: fixed one iteration (n_iter = 1)
# hint: labels-after-move
# Recomputes the labels from the final centers, as scikit-learn does.
import numpy as np

def kmeans(X, init_centers, n_iter=100):
    centers = np.array(init_centers, dtype=float)
    labels = None
    for _ in range(n_iter):
        new = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        for j in range(len(centers)):
            if np.any(labels == j):
                centers[j] = X[labels == j].mean(axis=0)
    labels = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return centers, labels

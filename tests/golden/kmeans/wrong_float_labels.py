# expect: fail
# case: fixed 1-D, 4 points, 2 centers
# hint: none
# Right algorithm, but the labels are stored in a float array.
import numpy as np

def kmeans(X, init_centers, n_iter=100):
    centers = np.array(init_centers, dtype=float)
    labels = None
    for _ in range(n_iter):
        new = np.zeros(len(X))
        new[:] = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        for j in range(len(centers)):
            if np.any(labels == j):
                centers[j] = X[labels == j].mean(axis=0)
    return centers, labels

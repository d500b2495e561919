# expect: fail
# case: distance ties go to the lowest index
# hint: ties-to-last
# Scans the centers with <= so a tie goes to the last one.
import numpy as np

def kmeans(X, init_centers, n_iter=100):
    centers = np.array(init_centers, dtype=float)
    labels = None
    for _ in range(n_iter):
        new = np.zeros(len(X), dtype=int)
        for i, x in enumerate(X):
            best = np.inf
            for j, c in enumerate(centers):
                d = np.sum((x - c) ** 2)
                if d <= best:
                    best, new[i] = d, j
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        for j in range(len(centers)):
            if np.any(labels == j):
                centers[j] = X[labels == j].mean(axis=0)
    return centers, labels

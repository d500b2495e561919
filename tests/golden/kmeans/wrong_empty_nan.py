# expect: fail
# case: fixed empty cluster keeps its center
# hint: empty-cluster-nan
# Takes the mean of every cluster, so an empty one becomes nan.
import numpy as np

def kmeans(X, init_centers, n_iter=100):
    centers = np.array(init_centers, dtype=float)
    labels = None
    for _ in range(n_iter):
        d = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
        new = d.argmin(axis=1)
        if labels is not None and (new == labels).all():
            break
        labels = new
        centers = np.array([X[labels == j].mean(axis=0) for j in range(len(centers))])
    return centers, labels

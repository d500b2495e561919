# expect: fail
# case: fixed 1-D, k = 2, u = 0.05
# hint: none
# Ignores u and always takes the farthest sample (farthest-point seeding).
import numpy as np

def kmeans_plus_plus_init(X, k, u):
    X = np.asarray(X, dtype=float)
    centers = [X[0]]
    d2 = ((X - X[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        idx = int(np.argmax(d2))
        centers.append(X[idx])
        d2 = np.minimum(d2, ((X - X[idx]) ** 2).sum(axis=1))
    return np.array(centers)

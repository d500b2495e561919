# expect: fail
# case: fixed 3-D axes, k = 2
# hint: no-centering
# SVD of the raw data, no mean subtraction.
import numpy as np

def pca(X, k):
    X = np.asarray(X, dtype=float)
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    components = Vt[:k]
    return X @ components.T, components

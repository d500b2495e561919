# expect: fail
# case: fixed [[1, 2], [2, 1]]
# hint: diagonal-test
# Looks at the signs of the diagonal entries instead of the eigenvalues.
import numpy as np

def classify_critical_point(H):
    d = np.diag(H)
    if np.any(d > 1e-10) and np.any(d < -1e-10):
        return "saddle"
    if np.any(np.abs(d) <= 1e-10):
        return "degenerate"
    return "minimum" if np.all(d > 0) else "maximum"

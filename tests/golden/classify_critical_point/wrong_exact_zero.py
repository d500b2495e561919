# expect: fail
# case: zero eigenvalue
# hint: exact-zero
# Compares eigenvalues with 0 exactly, no tolerance.
import numpy as np

def classify_critical_point(H):
    lam = np.linalg.eigvalsh(H)
    if lam.max() > 0 and lam.min() < 0:
        return "saddle"
    if np.any(lam == 0):
        return "degenerate"
    return "minimum" if lam.min() > 0 else "maximum"

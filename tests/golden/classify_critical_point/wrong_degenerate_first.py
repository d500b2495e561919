# expect: fail
# case: saddle with a zero eigenvalue
# hint: degenerate-first
# Tests for a zero eigenvalue before testing for a saddle.
import numpy as np

def classify_critical_point(H):
    lam = np.linalg.eigvalsh(H)
    if np.any(np.abs(lam) <= 1e-10):
        return "degenerate"
    if lam.max() > 0 and lam.min() < 0:
        return "saddle"
    return "minimum" if lam.min() > 0 else "maximum"

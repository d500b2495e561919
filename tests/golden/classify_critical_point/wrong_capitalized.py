# expect: fail
# case: fixed diag(2, 3)
# hint: none
# Returns capitalized labels ('Minimum').
import numpy as np

def classify_critical_point(H):
    lam = np.linalg.eigvalsh(H)
    if lam.max() > 1e-10 and lam.min() < -1e-10:
        return "Saddle"
    if np.any(np.abs(lam) <= 1e-10):
        return "Degenerate"
    return "Minimum" if lam.min() > 0 else "Maximum"

# expect: fail
# case: fixed [1, 2, 3, 4]
# hint: ddof-1
# Unbiased variance (divides by m - 1), not the MLE.
import numpy as np

def gaussian_mle(x):
    return float(np.mean(x)), float(np.var(x, ddof=1))

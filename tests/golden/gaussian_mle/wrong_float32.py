# expect: fail
# case: fixed [1, 2, 3, 4]
# hint: none
# Right formulas, but the results are float32 scalars.
import numpy as np

def gaussian_mle(x):
    mu = x.mean()
    return np.float32(mu), np.float32(np.mean((x - mu) ** 2))

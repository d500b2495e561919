# expect: fail
# case: fixed [1, 2, 3, 4]
# hint: std-not-variance
# Returns the standard deviation as the second value.
import numpy as np

def gaussian_mle(x):
    mu = x.mean()
    return mu, np.sqrt(np.mean((x - mu) ** 2))

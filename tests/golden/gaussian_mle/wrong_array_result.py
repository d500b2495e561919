# expect: fail
# case: fixed [1, 2, 3, 4]
# hint: none
# Returns one array [mean, var] instead of a pair of numbers.
import numpy as np

def gaussian_mle(x):
    mu = x.mean()
    return np.array([mu, np.mean((x - mu) ** 2)])

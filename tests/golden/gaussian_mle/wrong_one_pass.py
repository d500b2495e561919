# expect: fail
# case: large offset 1e9 + N(0, 1)
# hint: one-pass
# One-pass formula E[x^2] - E[x]^2.
import numpy as np

def gaussian_mle(x):
    mu = np.mean(x)
    return mu, np.mean(x**2) - mu**2

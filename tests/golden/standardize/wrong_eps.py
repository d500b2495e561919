# expect: fail
# case: tiny spread 1e-12 is still scaled
# hint: eps-in-denominator
# Adds 1e-8 to the standard deviation.
import numpy as np

def standardize(X):
    return (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-8)

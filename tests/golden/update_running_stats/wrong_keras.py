# expect: fail
# case: fixed N = 2, momentum 0.1
# hint: keras_momentum
# Keras convention: momentum weights the old value.
import numpy as np


def update_running_stats(running_mean, running_var, x, momentum=0.1):
    mean = momentum * running_mean + (1 - momentum) * x.mean(axis=0)
    var = momentum * running_var + (1 - momentum) * x.var(axis=0, ddof=1)
    return mean, var

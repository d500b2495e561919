# expect: fail
# case: fixed first step from zero state
# hint: none
# Returns the two accumulators in the wrong order.
import numpy as np

def adadelta_step(w, g, Eg2, Edx2, rho=0.9, eps=1e-6):
    Eg2 = rho * Eg2 + (1 - rho) * g**2
    dx = -np.sqrt(Edx2 + eps) / np.sqrt(Eg2 + eps) * g
    Edx2 = rho * Edx2 + (1 - rho) * dx**2
    return w + dx, Edx2, Eg2

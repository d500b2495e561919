# expect: fail
# case: fixed x^2 + y^2 s.t. x + y = 1
# hint: unconstrained
# Minimizes without the constraints and returns zero multipliers.
import numpy as np

def solve_equality_qp(Q, c, A, b):
    x = np.linalg.solve(Q, -c)
    return x, np.zeros(A.shape[0])

# expect: fail
# case: fixed x^2 + y^2 s.t. x + y = 1
# hint: lam-sign
# Uses the convention Qx + c - A'lam = 0, so lam has the opposite sign.
import numpy as np

def solve_equality_qp(Q, c, A, b):
    n, p = Q.shape[0], A.shape[0]
    K = np.block([[Q, -A.T], [A, np.zeros((p, p))]])
    sol = np.linalg.solve(K, np.concatenate([-c, b]))
    return sol[:n], sol[n:]

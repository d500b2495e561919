# expect: fail
# case: fixed 3-D with a linear term
# hint: rhs-sign
# Puts +c on the right-hand side.
import numpy as np

def solve_equality_qp(Q, c, A, b):
    n, p = Q.shape[0], A.shape[0]
    K = np.block([[Q, A.T], [A, np.zeros((p, p))]])
    sol = np.linalg.solve(K, np.concatenate([c, b]))
    return sol[:n], sol[n:]

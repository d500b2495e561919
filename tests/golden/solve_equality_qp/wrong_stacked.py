# expect: fail
# case: fixed x^2 + y^2 s.t. x + y = 1
# hint: none
# Returns the whole KKT solution [x; lam] as one vector.
import numpy as np

def solve_equality_qp(Q, c, A, b):
    n, p = Q.shape[0], A.shape[0]
    K = np.block([[Q, A.T], [A, np.zeros((p, p))]])
    return np.linalg.solve(K, np.concatenate([-c, b]))

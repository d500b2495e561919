# expect: fail
# case: fixed 2 states, 3 observations
# hint: none
# Right algorithm, but the path is a float array.
import numpy as np

def viterbi(pi, A, B, obs):
    T, S = len(obs), len(pi)
    with np.errstate(divide="ignore"):
        lpi, lA, lB = np.log(pi), np.log(A), np.log(B)
    delta = lpi + lB[:, obs[0]]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] + lA
        back[t] = scores.argmax(axis=0)
        delta = scores.max(axis=0) + lB[:, obs[t]]
    path = np.zeros(T)
    path[-1] = delta.argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, int(path[t])]
    return path, float(np.exp(delta.max()))

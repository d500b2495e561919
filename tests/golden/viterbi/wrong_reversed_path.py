# expect: fail
# case: fixed 2 states, 3 observations
# hint: reversed-path
# Backtracks correctly but returns the path from last to first.
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
    state = int(delta.argmax())
    path = [state]
    for t in range(T - 1, 0, -1):
        state = int(back[t, state])
        path.append(state)
    return np.array(path), float(np.exp(delta.max()))

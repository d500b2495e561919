# expect: fail
# case: long sequence T = 1000 (probability underflows)
# hint: probability-domain
# Multiplies probabilities directly; long sequences underflow to 0.
import numpy as np

def viterbi(pi, A, B, obs):
    T, S = len(obs), len(pi)
    delta = pi * B[:, obs[0]]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] * A
        back[t] = scores.argmax(axis=0)
        delta = scores.max(axis=0) * B[:, obs[t]]
    path = np.zeros(T, dtype=int)
    path[-1] = delta.argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path, float(delta.max())

# expect: fail
# case: fixed 2 states, 3 observations
# hint: none
# Picks the most likely state at each step on its own (greedy decoding).
import numpy as np

def viterbi(pi, A, B, obs):
    path = [int(np.argmax(pi * B[:, obs[0]]))]
    prob = float(np.max(pi * B[:, obs[0]]))
    for o in obs[1:]:
        scores = A[path[-1]] * B[:, o]
        path.append(int(np.argmax(scores)))
        prob *= float(np.max(scores))
    return np.array(path), prob

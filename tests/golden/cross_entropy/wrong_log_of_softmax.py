# expect: fail
# case: large |x| = 1e4, true class loses
# hint: log_of_softmax
# Stable softmax followed by log: the true class's probability underflows to 0 and the loss is inf.
import numpy as np


def cross_entropy(logits, labels):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))

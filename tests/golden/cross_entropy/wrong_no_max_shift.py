# expect: fail
# case: large |x| = 1e4, true class wins
# hint: no_max_shift
# log(sum(exp(logits))) without the max shift.
import numpy as np


def cross_entropy(logits, labels):
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(-np.mean(logp[np.arange(logits.shape[0]), labels]))

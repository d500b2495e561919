# expect: fail
# case: fixed 2x3
# hint: none
# Forgets to pick the true class: averages -log p over every class.
import numpy as np


def cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp.sum(axis=1).mean())

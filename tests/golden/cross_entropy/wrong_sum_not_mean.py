# expect: fail
# case: fixed 2x3
# hint: sum_not_mean
# Stable log-softmax, but the losses are summed over the batch.
import numpy as np


def cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -logp[np.arange(len(labels)), labels].sum()

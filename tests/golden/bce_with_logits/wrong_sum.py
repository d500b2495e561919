# expect: fail
# case: fixed logits 0 (loss = ln 2)
# hint: sum_not_mean
# Stable formula, summed instead of averaged.
import numpy as np


def bce_with_logits(logits, targets):
    return float(np.sum(np.maximum(logits, 0) - logits * targets + np.log1p(np.exp(-np.abs(logits)))))

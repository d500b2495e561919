# expect: fail
# case: large |x| = 1e4, confident and right
# hint: clipped_probabilities
# Clips the probability like Keras does: no nan, but the loss saturates near 16.
import numpy as np


def bce_with_logits(logits, targets):
    e = np.exp(-np.abs(logits))
    s = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    s = np.clip(s, 1e-7, 1 - 1e-7)
    return float(np.mean(-(targets * np.log(s) + (1 - targets) * np.log(1 - s))))

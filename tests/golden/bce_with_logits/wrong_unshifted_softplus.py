# expect: fail
# case: large |x| = 1e4, confident and right
# hint: unshifted_softplus
# x - x*t + log(1 + exp(-x)): right algebra, but exp(-x) overflows for large negative x.
import numpy as np


def bce_with_logits(logits, targets):
    return float(np.mean(logits - logits * targets + np.log(1 + np.exp(-logits))))

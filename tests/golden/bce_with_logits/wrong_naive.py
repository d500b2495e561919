# expect: fail
# case: large |x| = 1e4, confident and right
# hint: log_of_sigmoid
# The textbook -[t log s + (1 - t) log(1 - s)]: log(0) for large |x|.
import numpy as np


def bce_with_logits(logits, targets):
    s = 1.0 / (1.0 + np.exp(-logits))
    return float(np.mean(-(targets * np.log(s) + (1 - targets) * np.log(1 - s))))

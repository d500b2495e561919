# expect: fail
# case: fixed 'karolin' vs 'kathrin'
# hint: none
# Returns a float (a fraction times the length) instead of an integer count.
import numpy as np

def hamming_distance(a, b):
    if len(a) != len(b):
        raise ValueError("lengths differ")
    if not a:
        return 0.0
    return np.mean([x != y for x, y in zip(a, b)]) * len(a)

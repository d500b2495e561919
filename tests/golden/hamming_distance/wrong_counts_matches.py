# expect: fail
# case: fixed 'karolin' vs 'kathrin'
# hint: counts-matches
# Counts the positions where the characters agree.
import numpy as np

def hamming_distance(a, b):
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return sum(1 for x, y in zip(a, b) if x == y)

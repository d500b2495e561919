# expect: error
# case: different lengths
# hint: none
# Checks the lengths with assert, which raises AssertionError, not ValueError.
import numpy as np

def hamming_distance(a, b):
    assert len(a) == len(b), "lengths differ"
    return sum(x != y for x, y in zip(a, b))

# expect: fail
# case: different lengths
# hint: no-length-check
# zip() silently truncates, so different lengths return a number.
import numpy as np

def hamming_distance(a, b):
    return sum(x != y for x, y in zip(a, b))

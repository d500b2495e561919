# expect: fail
# case: fixed size 2, kernel 2, stride 2
# hint: none
# Right formula, but returned as a 1-element array instead of an integer.
import numpy as np


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0):
    return np.array([(size - 1) * stride - 2 * padding + kernel + output_padding])

# expect: fail
# case: fixed size 5, kernel 2, stride 2
# hint: ceil-instead-of-floor
# Rounds up, as if the last partial window were kept (ceil_mode=True).
import math


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return math.ceil((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1

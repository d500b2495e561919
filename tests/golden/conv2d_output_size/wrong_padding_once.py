# expect: fail
# case: random 1
# hint: padding-once
# Padding counted on one side only.


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    effective = dilation * (kernel - 1) + 1
    return (size + padding - effective) // stride + 1

# expect: fail
# case: dilation 2, padding 2
# hint: dilation-ignored
# The formula everyone memorises, (n + 2p - k) / s + 1, without the dilation term.


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return (size + 2 * padding - kernel) // stride + 1

# expect: fail
# case: fixed size 5, kernel 2, stride 2
# hint: none
# True division: returns a float such as 2.5 instead of the integer 2.


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1

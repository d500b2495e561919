# expect: fail
# case: random 1
# hint: output-padding-ignored


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0):
    return (size - 1) * stride - 2 * padding + kernel

# expect: fail
# case: fixed size 3, kernel 3
# hint: n-times-stride
# "A transposed conv with stride s upsamples by s."


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0):
    return size * stride

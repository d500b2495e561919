# expect: fail
# case: fixed size 2, kernel 2, stride 2
# hint: none
# Uses the forward conv formula, which shrinks the map instead of growing it.


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0):
    return (size + 2 * padding - kernel) // stride + 1 + output_padding

# expect: fail
# case: fixed 3 -> 2 channels, 3x3, 4x4 output
# hint: bias-counted
# Adds one accumulate per output for the bias.


def conv2d_macs(c_in, c_out, kernel, h_out, w_out, groups=1):
    outputs = c_out * h_out * w_out
    return outputs * ((c_in // groups) * kernel * kernel + 1)

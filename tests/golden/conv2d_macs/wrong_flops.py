# expect: fail
# case: fixed 3 -> 2 channels, 3x3, 4x4 output
# hint: counted-flops
# One multiply plus one add per product: FLOPs, not MACs.


def conv2d_macs(c_in, c_out, kernel, h_out, w_out, groups=1):
    per_output = (c_in // groups) * kernel * kernel
    return 2 * per_output * c_out * h_out * w_out

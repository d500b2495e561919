# expect: fail
# case: fixed 3 -> 2 channels, 3x3, 4x4 output
# hint: none
# c_in / groups is a float in Python 3, so the count comes back as a float.


def conv2d_macs(c_in, c_out, kernel, h_out, w_out, groups=1):
    return c_out * h_out * w_out * (c_in / groups) * kernel**2

# expect: fail
# case: groups 2
# hint: groups-ignored


def conv2d_macs(c_in, c_out, kernel, h_out, w_out, groups=1):
    return kernel * kernel * c_in * c_out * h_out * w_out

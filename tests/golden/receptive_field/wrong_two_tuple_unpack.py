# expect: error
# case: random stack 1
# hint: none
# Unpacks every layer as (kernel, stride), so a (kernel, stride, dilation) tuple raises.


def receptive_field(layers):
    rf, jump = 1, 1
    for k, s in layers:
        rf += (k - 1) * jump
        jump *= s
    return rf

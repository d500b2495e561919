# expect: fail
# case: fixed 2x2 stride-2 then 3x3
# hint: strides-ignored
# "Each layer adds k - 1": true only when every stride is 1.


def receptive_field(layers):
    rf = 1
    for layer in layers:
        d = layer[2] if len(layer) > 2 else 1
        rf += (layer[0] - 1) * d
    return rf

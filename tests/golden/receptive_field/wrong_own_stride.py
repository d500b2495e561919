# expect: fail
# case: fixed 2x2 stride-2 then 3x3
# hint: own-stride-included
# Updates the jump before using it, so each layer is scaled by its own stride too.


def receptive_field(layers):
    rf, jump = 1, 1
    for layer in layers:
        k, s = layer[0], layer[1]
        d = layer[2] if len(layer) == 3 else 1
        jump = jump * s
        rf = rf + (k - 1) * d * jump
    return rf

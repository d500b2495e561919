# expect: fail
# case: fixed 2x2 stride-2 then 3x3
# hint: none
# Walks back from the output with r <- r * s + d * (k - 1); the right recursion is
# r <- (r - 1) * s + d * (k - 1) + 1.


def receptive_field(layers):
    r = 1
    for layer in reversed(layers):
        k, s = layer[0], layer[1]
        d = layer[2] if len(layer) > 2 else 1
        r = r * s + d * (k - 1)
    return r

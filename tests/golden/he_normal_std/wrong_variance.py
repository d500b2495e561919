# expect: fail
# case: fixed fan_in = 8 (std = 0.5)
# hint: missing_sqrt
# Returns the variance 2 / fan_in (equal to the std only when fan_in = 2).
def he_normal_std(fan_in):
    return 2 / fan_in

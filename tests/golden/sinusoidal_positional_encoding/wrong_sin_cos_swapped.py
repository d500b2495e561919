# expect: fail
# case: fixed 3x4
# hint: sin-cos-swapped
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pe = np.zeros((seq_len, d_model))
    for pos in range(seq_len):
        for i in range(0, d_model, 2):
            angle = pos / 10000 ** (i / d_model)
            pe[pos, i] = np.cos(angle)
            pe[pos, i + 1] = np.sin(angle)
    return pe

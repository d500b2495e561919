# expect: fail
# case: fixed 3x4
# hint: none
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(1, seq_len + 1)[:, None]  # positions counted from 1
    div = 10000 ** (np.arange(0, d_model, 2) / d_model)
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2] = np.sin(pos / div)
    pe[:, 1::2] = np.cos(pos / div)
    return pe

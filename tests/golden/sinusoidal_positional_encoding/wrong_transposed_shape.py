# expect: fail
# case: fixed 3x4
# hint: none
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    # built as (d_model, seq_len), "one row per feature"
    pe = np.zeros((d_model, seq_len))
    pos = np.arange(seq_len)[None, :]
    div = 10000 ** (np.arange(0, d_model, 2)[:, None] / d_model)
    pe[0::2] = np.sin(pos / div)
    pe[1::2] = np.cos(pos / div)
    return pe

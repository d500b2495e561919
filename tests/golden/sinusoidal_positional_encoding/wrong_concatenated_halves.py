# expect: fail
# case: fixed 3x4
# hint: concatenated-halves
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    freqs = 1.0 / 10000 ** (np.arange(0, d_model, 2) / d_model)
    angles = pos * freqs[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=-1)

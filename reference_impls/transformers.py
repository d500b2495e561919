"""Reference solutions: positional encoding, attention and Swin Transformer windows.

* ``sinusoidal_positional_encoding``: "Attention Is All You Need" (Vaswani et al.,
  2017, section 3.5) with sin/cos *interleaved* (even columns sin, odd columns cos),
  not the "concatenated halves" layout some libraries use.
* ``scaled_dot_product_attention``: softmax(q k^T / sqrt(d)) v with a boolean mask
  where True means "may attend" (the ``torch.nn.functional.scaled_dot_product_attention``
  convention, the opposite of ``nn.MultiheadAttention``'s boolean masks).
* ``swin_relative_position_index`` and ``swin_attention_mask``: exactly the tables
  built in ``WindowAttention.__init__`` and ``SwinTransformerBlock.__init__`` of
  the official code (microsoft/Swin-Transformer, models/swin_transformer.py).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "sinusoidal_positional_encoding",
    "scaled_dot_product_attention",
    "swin_relative_position_index",
    "swin_attention_mask",
]


def sinusoidal_positional_encoding(seq_len, d_model):
    """Sinusoidal positional encoding, (seq_len, d_model) float64; d_model even.

    PE[pos, 2i] = sin(pos / 10000**(2i / d_model)),
    PE[pos, 2i + 1] = cos(pos / 10000**(2i / d_model)).
    """
    pos = np.arange(seq_len, dtype=np.float64)[:, None]  # (L, 1)
    two_i = np.arange(0, d_model, 2, dtype=np.float64)[None, :]  # (1, d/2)
    angle = pos / np.power(10000.0, two_i / d_model)  # (L, d/2)
    pe = np.empty((seq_len, d_model), dtype=np.float64)
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return pe


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q @ k^T / sqrt(d) [masked]) @ v, with a stable softmax over keys.

    q (..., L, d), k (..., S, d), v (..., S, dv) -> (..., L, dv) float64.
    mask: None or a bool array broadcastable to (..., L, S); True = the query may
    attend to that key, False = weight exactly 0. Every query row has at least
    one True.
    """
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    d = q.shape[-1]
    scores = (q @ np.swapaxes(k, -1, -2)) / np.sqrt(d)  # (..., L, S)
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    # subtract the row max (finite, as every row has an allowed key) before exp
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    return weights @ v


def swin_relative_position_index(window_size):
    """Relative position index of Swin's window attention, (Wh*Ww, Wh*Ww) int64.

    Tokens are numbered row-major inside the window. For tokens i = (hi, wi) and
    j = (hj, wj): index = (hi - hj + Wh - 1) * (2*Ww - 1) + (wi - wj + Ww - 1),
    an index into the (2*Wh - 1) * (2*Ww - 1) bias table.
    """
    wh, ww = int(window_size[0]), int(window_size[1])
    hh, wc = np.meshgrid(np.arange(wh), np.arange(ww), indexing="ij")
    h, w = hh.reshape(-1), wc.reshape(-1)  # row-major token coordinates
    dh = h[:, None] - h[None, :] + (wh - 1)  # shift to start from 0
    dw = w[:, None] - w[None, :] + (ww - 1)
    return (dh * (2 * ww - 1) + dw).astype(np.int64)


def swin_attention_mask(H, W, window_size, shift_size):
    """Attention mask of Swin's shifted windows (SW-MSA), official construction.

    The feature map (H, W) is cyclically shifted up-left by ``shift_size``; the
    rows (and columns) are labelled in three regions [0, H - ws), [H - ws, H - s),
    [H - s, H); the 9 row x column regions get ids 0..8 (row region major). The
    map is cut into ws x ws windows, windows in row-major order, tokens row-major
    inside a window. Returns (num_windows, ws*ws, ws*ws) float64: 0 where two
    tokens have the same region id, -100 elsewhere.
    """
    H, W, ws, s = int(H), int(W), int(window_size), int(shift_size)
    img = np.zeros((H, W), dtype=np.int64)
    slices = (slice(0, -ws), slice(-ws, -s), slice(-s, None))
    cnt = 0
    for hs in slices:
        for wsl in slices:
            img[hs, wsl] = cnt
            cnt += 1
    # window partition: (H/ws, ws, W/ws, ws) -> (H/ws, W/ws, ws, ws) -> (nW, ws*ws)
    win = img.reshape(H // ws, ws, W // ws, ws).transpose(0, 2, 1, 3).reshape(-1, ws * ws)
    same = win[:, None, :] == win[:, :, None]
    return np.where(same, 0.0, -100.0)

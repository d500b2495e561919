"""Oracle tests of reference_impls.transformers.

Oracles, all independent of the reference:
* positional encoding: a plain ``math.sin``/``math.cos`` double loop over the
  formula of Vaswani et al. (2017), and the ``div_term = exp(-log(10000) * 2i / d)``
  construction of the PyTorch "Transformer" tutorial, in torch float64;
* attention: ``torch.nn.functional.scaled_dot_product_attention`` (float64, bool
  mask, True = may attend);
* Swin: the ``relative_position_index`` construction of ``WindowAttention`` and
  the shifted-window ``attn_mask`` construction of ``SwinTransformerBlock``
  (with its ``window_partition``), ported from microsoft/Swin-Transformer
  models/swin_transformer.py in torch; and, for the mask, a semantic oracle
  (two tokens of one window may attend iff the cyclic shift wrapped neither or
  both of them, along each axis).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impls.transformers import (
    scaled_dot_product_attention,
    sinusoidal_positional_encoding,
    swin_attention_mask,
    swin_relative_position_index,
)

# ---------------------------------------------------------------------------
# positional encoding
# ---------------------------------------------------------------------------


def pe_loop(seq_len, d_model):
    out = np.zeros((seq_len, d_model))
    for pos in range(seq_len):
        for i in range(d_model // 2):
            angle = pos / 10000 ** (2 * i / d_model)
            out[pos, 2 * i] = math.sin(angle)
            out[pos, 2 * i + 1] = math.cos(angle)
    return out


def pe_torch_tutorial(seq_len, d_model):
    position = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float64) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe.numpy()


@pytest.mark.parametrize("seq_len, d_model", [(1, 2), (4, 6), (50, 16), (7, 128), (1000, 4)])
def test_pe_matches_loop_and_torch(seq_len, d_model):
    got = sinusoidal_positional_encoding(seq_len, d_model)
    assert got.shape == (seq_len, d_model) and got.dtype == np.float64
    np.testing.assert_allclose(got, pe_loop(seq_len, d_model), rtol=0, atol=1e-12)
    np.testing.assert_allclose(got, pe_torch_tutorial(seq_len, d_model), rtol=0, atol=1e-10)


def test_pe_known_rows():
    pe = sinusoidal_positional_encoding(3, 4)
    np.testing.assert_allclose(pe[0], [0, 1, 0, 1])
    np.testing.assert_allclose(pe[1], [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)])


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 60), st.integers(1, 20).map(lambda h: 2 * h), st.integers(0, 20))
def test_pe_properties(seq_len, d_model, k):
    pe = sinusoidal_positional_encoding(seq_len, d_model)
    # each (sin, cos) pair lies on the unit circle
    np.testing.assert_allclose(pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2, 1.0, rtol=1e-12)
    # PE(pos + k) is a fixed rotation of PE(pos) in each frequency pair
    if seq_len > k:
        w = 1.0 / 10000 ** (np.arange(0, d_model, 2) / d_model)
        c, s = np.cos(k * w), np.sin(k * w)
        sin0, cos0 = pe[: seq_len - k, 0::2], pe[: seq_len - k, 1::2]
        np.testing.assert_allclose(pe[k:, 0::2], sin0 * c + cos0 * s, atol=1e-9)
        np.testing.assert_allclose(pe[k:, 1::2], cos0 * c - sin0 * s, atol=1e-9)


# ---------------------------------------------------------------------------
# scaled dot-product attention vs torch
# ---------------------------------------------------------------------------


def torch_sdpa(q, k, v, mask=None):
    m = None if mask is None else torch.from_numpy(np.asarray(mask, dtype=bool))
    return F.scaled_dot_product_attention(
        torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v), attn_mask=m
    ).numpy()


def random_mask(rng, shape):
    m = rng.random(shape) < 0.5
    idx = rng.integers(0, shape[-1], size=shape[:-1])
    np.put_along_axis(m, idx[..., None], True, axis=-1)  # every row keeps one key
    return m


@pytest.mark.parametrize(
    "qshape, S, dv, mask_shape",
    [
        ((2, 3), 3, 2, None),
        ((1, 1), 1, 1, None),
        ((4, 5), 6, 3, "full"),
        ((2, 3, 4), 5, 2, None),
        ((2, 3, 4), 5, 2, "full"),
        ((2, 3, 4), 5, 2, (3, 5)),  # mask broadcast over the batch
        ((2, 2, 3, 8), 4, 5, (1, 3, 4)),  # batch and heads
        ((1, 4, 2), 7, 3, (1, 1, 7)),  # key-padding style mask, broadcast over queries
    ],
)
def test_sdpa_matches_torch(qshape, S, dv, mask_shape):
    rng = np.random.default_rng(0)
    *batch, L, d = qshape
    q = rng.normal(size=qshape)
    k = rng.normal(size=(*batch, S, d))
    v = rng.normal(size=(*batch, S, dv))
    if mask_shape == "full":
        mask = random_mask(rng, (*batch, L, S))
    elif mask_shape is None:
        mask = None
    else:
        mask = random_mask(rng, mask_shape)
    got = scaled_dot_product_attention(q, k, v, mask)
    assert got.shape == (*batch, L, dv) and got.dtype == np.float64
    np.testing.assert_allclose(got, torch_sdpa(q, k, v, mask), rtol=1e-10, atol=1e-12)


def test_sdpa_large_inputs_stable():
    rng = np.random.default_rng(1)
    q = rng.uniform(-1e4, 1e4, size=(2, 3, 4))
    k = rng.uniform(-1e4, 1e4, size=(2, 5, 4))
    v = rng.normal(size=(2, 5, 3))
    mask = random_mask(rng, (2, 3, 5))
    with np.errstate(all="raise", under="ignore"):
        got = scaled_dot_product_attention(q, k, v, mask)
        got_nomask = scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(got, torch_sdpa(q, k, v, mask), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got_nomask, torch_sdpa(q, k, v), rtol=1e-9, atol=1e-12)


def test_sdpa_single_allowed_key_copies_its_value():
    rng = np.random.default_rng(2)
    q, k, v = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    mask = np.zeros((3, 5), bool)
    mask[[0, 1, 2], [4, 0, 2]] = True
    np.testing.assert_allclose(scaled_dot_product_attention(q, k, v, mask), v[[4, 0, 2]], rtol=1e-15)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_sdpa_properties(L, S, d, seed):
    rng = np.random.default_rng(seed)
    q, k, v = rng.normal(size=(L, d)), rng.normal(size=(S, d)), rng.normal(size=(S, 2))
    out = scaled_dot_product_attention(q, k, v)
    # a convex combination of the values
    assert np.all(out <= v.max(axis=0) + 1e-12) and np.all(out >= v.min(axis=0) - 1e-12)
    # an all-True mask changes nothing; shifting all keys' scores equally changes nothing
    np.testing.assert_allclose(scaled_dot_product_attention(q, k, v, np.ones((L, S), bool)), out, rtol=1e-12)
    np.testing.assert_allclose(out, torch_sdpa(q, k, v), rtol=1e-10, atol=1e-12)


# ---------------------------------------------------------------------------
# Swin: port of microsoft/Swin-Transformer models/swin_transformer.py
# ---------------------------------------------------------------------------


def official_relative_position_index(window_size):
    # WindowAttention.__init__ (meshgrid's default indexing in the official code is "ij")
    coords_h = torch.arange(window_size[0])
    coords_w = torch.arange(window_size[1])
    coords = torch.stack(torch.meshgrid([coords_h, coords_w], indexing="ij"))  # 2, Wh, Ww
    coords_flatten = torch.flatten(coords, 1)  # 2, Wh*Ww
    relative_coords = coords_flatten[:, :, None] - coords_flatten[:, None, :]  # 2, Wh*Ww, Wh*Ww
    relative_coords = relative_coords.permute(1, 2, 0).contiguous()  # Wh*Ww, Wh*Ww, 2
    relative_coords[:, :, 0] += window_size[0] - 1  # shift to start from 0
    relative_coords[:, :, 1] += window_size[1] - 1
    relative_coords[:, :, 0] *= 2 * window_size[1] - 1
    return relative_coords.sum(-1).numpy()  # Wh*Ww, Wh*Ww


def _window_partition(x, window_size):
    B, H, W, C = x.shape
    x = x.view(B, H // window_size, window_size, W // window_size, window_size, C)
    return x.permute(0, 1, 3, 2, 4, 5).contiguous().view(-1, window_size, window_size, C)


def official_attn_mask(H, W, window_size, shift_size):
    # SwinTransformerBlock.__init__, shift_size > 0 branch
    img_mask = torch.zeros((1, H, W, 1))  # 1 H W 1
    h_slices = (slice(0, -window_size), slice(-window_size, -shift_size), slice(-shift_size, None))
    w_slices = (slice(0, -window_size), slice(-window_size, -shift_size), slice(-shift_size, None))
    cnt = 0
    for h in h_slices:
        for w in w_slices:
            img_mask[:, h, w, :] = cnt
            cnt += 1
    mask_windows = _window_partition(img_mask, window_size)  # nW, window_size, window_size, 1
    mask_windows = mask_windows.view(-1, window_size * window_size)
    attn_mask = mask_windows.unsqueeze(1) - mask_windows.unsqueeze(2)
    attn_mask = attn_mask.masked_fill(attn_mask != 0, (-100.0)).masked_fill(attn_mask == 0, 0.0)
    return attn_mask.double().numpy()


def semantic_attn_mask(H, W, ws, s):
    """After rolling by -s, token (r, c) came from ((r + s) % H, (c + s) % W); it was
    wrapped around along an axis iff r >= H - s (resp. c >= W - s). Tokens of one
    window were neighbours in the original map iff their wrap flags agree."""
    masks = []
    for wr in range(H // ws):
        for wc in range(W // ws):
            toks = [(wr * ws + i, wc * ws + j) for i in range(ws) for j in range(ws)]
            flags = [(r >= H - s, c >= W - s) for r, c in toks]
            masks.append([[0.0 if fa == fb else -100.0 for fb in flags] for fa in flags])
    return np.array(masks)


@pytest.mark.parametrize("ws", [(1, 1), (2, 2), (2, 3), (3, 2), (1, 4), (7, 7), (4, 5)])
def test_relative_position_index_matches_official(ws):
    got = swin_relative_position_index(ws)
    n = ws[0] * ws[1]
    assert got.shape == (n, n) and np.issubdtype(got.dtype, np.integer)
    np.testing.assert_array_equal(got, official_relative_position_index(ws))


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6))
def test_relative_position_index_is_a_bijection_of_offsets(wh, ww):
    idx = swin_relative_position_index((wh, ww))
    coords = [(h, w) for h in range(wh) for w in range(ww)]
    seen = {}
    for i, a in enumerate(coords):
        for j, b in enumerate(coords):
            off = (a[0] - b[0], a[1] - b[1])
            assert 0 <= idx[i, j] < (2 * wh - 1) * (2 * ww - 1)
            assert seen.setdefault(off, idx[i, j]) == idx[i, j]  # same offset, same index
    assert len(set(seen.values())) == len(seen)  # different offsets, different indices


@pytest.mark.parametrize(
    "H, W, ws, s",
    [
        (4, 4, 2, 1),
        (6, 6, 3, 1),
        (6, 6, 3, 2),
        (8, 8, 4, 2),
        (6, 9, 3, 1),
        (12, 8, 4, 3),
        (14, 14, 7, 3),
        (56, 56, 7, 3),
    ],
)
def test_attn_mask_matches_official_and_semantics(H, W, ws, s):
    got = swin_attention_mask(H, W, ws, s)
    assert got.shape == ((H // ws) * (W // ws), ws * ws, ws * ws) and got.dtype == np.float64
    np.testing.assert_array_equal(got, official_attn_mask(H, W, ws, s))
    np.testing.assert_array_equal(got, semantic_attn_mask(H, W, ws, s))


def test_attn_mask_only_last_row_and_column_of_windows_are_split():
    m = swin_attention_mask(12, 8, 4, 2).reshape(3, 2, 16, 16)
    assert np.all(m[:-1, :-1] == 0)  # interior windows see no shift boundary
    for w in [(0, -1), (-1, 0), (-1, -1)]:  # border windows mix regions
        assert (m[w] == -100).any() and (m[w] == 0).any()
    assert set(np.unique(m)) == {0.0, -100.0}

"""Grader cases and known mistakes: "Transformers".

Every ``cases(rng)`` returns, in a fixed order: tiny fixed cases a learner can
redo by hand, seeded random cases (only ``rng`` is used), then edge cases aimed
at the classic bugs (d_model = 2 and long sequences for the positional encoding;
|x| = 1e4, masked keys, broadcast masks and batch of 1 for attention;
non-square windows for Swin's relative position index; non-square maps, several
window sizes and shift = window - 1 for Swin's shifted-window mask).
"""

from __future__ import annotations

import numpy as np

from reference_impls import transformers as ref

from ..spec import Case, FunctionSpec, Mistake

# ================================================================ sinusoidal_positional_encoding


def _pe_cases(rng: np.random.Generator) -> list[Case]:
    randoms = []
    for i in range(4):
        seq_len = int(rng.integers(5, 60))
        d_model = 2 * int(rng.integers(2, 17))
        randoms.append(Case(f"random sizes #{i + 1}", (seq_len, d_model)))
    return [
        Case("fixed 3x4", (3, 4)),
        Case("fixed 2x6", (2, 6)),
        *randoms,
        Case("d_model = 2", (5, 2)),
        Case("seq_len = 1", (1, 8)),
        Case("long sequence (seq_len = 1000)", (1000, 8)),
        Case("d_model = 512", (4, 512)),
        Case("d_model not a power of two (10)", (6, 10)),
    ]


def _pe_angles(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    return pos / np.power(10000.0, np.arange(0, d_model, 2, dtype=np.float64)[None, :] / d_model)


def _pe_concat(seq_len, d_model):
    a = _pe_angles(seq_len, d_model)
    return np.concatenate([np.sin(a), np.cos(a)], axis=1)


def _pe_exponent_per_column(seq_len, d_model):
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    j = np.arange(d_model, dtype=np.float64)[None, :]
    a = pos / np.power(10000.0, j / d_model)
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.sin(a[:, 0::2])
    pe[:, 1::2] = np.cos(a[:, 1::2])
    return pe


def _pe_swapped(seq_len, d_model):
    a = _pe_angles(seq_len, d_model)
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.cos(a)
    pe[:, 1::2] = np.sin(a)
    return pe


_PE_MISTAKES = (
    Mistake(
        "concatenated-halves",
        _pe_concat,
        "You put all the sines in the first half and all the cosines in the second (the tensor2tensor "
        "layout). Here they are interleaved: column 2i is sin, column 2i + 1 is cos of the same angle.",
        "你把所有 sin 放在前一半、所有 cos 放在后一半（tensor2tensor 的排法）。这里要求交错排列：第 2i "
        "列是 sin，"
        "第 2i + 1 列是同一角度的 cos。",
    ),
    Mistake(
        "exponent-per-column",
        _pe_exponent_per_column,
        "The exponent uses the column index j (10000**(j / d_model)), so the sin and cos of a pair get "
        "different frequencies. Both columns 2i and 2i + 1 use 10000**(2i / d_model).",
        "指数用了列号 j（10000**(j / d_model)），于是同一对 sin、cos 的频率不一样。第 2i 列和第 2i + 1 "
        "列都应使用 "
        "10000**(2i / d_model)。",
    ),
    Mistake(
        "sin-cos-swapped",
        _pe_swapped,
        "sin and cos are swapped: even columns (2i) hold sin, odd columns (2i + 1) hold cos.",
        "sin 和 cos 放反了：偶数列 (2i) 放 sin，奇数列 (2i + 1) 放 cos。",
    ),
)

# ================================================================ scaled_dot_product_attention


def _row_mask(rng: np.random.Generator, shape) -> np.ndarray:
    """Random bool mask whose every row (last axis) keeps at least one True."""
    m = rng.random(shape) < 0.5
    idx = rng.integers(0, shape[-1], size=shape[:-1])
    np.put_along_axis(m, idx[..., None], True, axis=-1)
    return m


def _sdpa_cases(rng: np.random.Generator) -> list[Case]:
    n = rng.normal
    q1 = np.array([[1.0, 0.0], [0.0, 2.0]])
    k1 = np.array([[1.0, 1.0], [0.0, -1.0], [2.0, 0.0]])
    v1 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    m1 = np.array([[True, False, True], [True, True, False]])
    large_q = rng.uniform(-1e4, 1e4, size=(2, 3, 4))
    large_k = rng.uniform(-1e4, 1e4, size=(2, 5, 4))
    return [
        Case("fixed 2 queries, 3 keys, no mask", (q1, k1, v1)),
        Case("fixed 2 queries, 3 keys, masked", (q1, k1, v1, m1)),
        Case("random (3, 4) x (5, 4), no mask", (n(size=(3, 4)), n(size=(5, 4)), n(size=(5, 2)))),
        Case(
            "random batch (2, 3, 4), full mask",
            (n(size=(2, 3, 4)), n(size=(2, 5, 4)), n(size=(2, 5, 3)), _row_mask(rng, (2, 3, 5))),
        ),
        Case(
            "random heads (2, 2, 3, 8), mask (3, 4) broadcast",
            (n(size=(2, 2, 3, 8)), n(size=(2, 2, 4, 8)), n(size=(2, 2, 4, 5)), _row_mask(rng, (3, 4))),
        ),
        Case(
            "random L != S, dv != d, no mask",
            (n(size=(2, 6, 3)), n(size=(2, 2, 3)), n(size=(2, 2, 7))),
        ),
        Case(
            "large |x| = 1e4",
            (large_q, large_k, n(size=(2, 5, 3)), _row_mask(rng, (2, 3, 5))),
        ),
        Case("large |x| = 1e4, no mask", (large_q, large_k, n(size=(2, 5, 3)))),
        Case(
            "one allowed key per row",
            (n(size=(3, 4)), n(size=(4, 4)), n(size=(4, 2)), np.eye(4, dtype=bool)[[2, 0, 3]]),
        ),
        Case(
            "key-padding mask (B, 1, S) broadcast over queries",
            (
                n(size=(2, 3, 4)),
                n(size=(2, 5, 4)),
                n(size=(2, 5, 2)),
                np.array([[[1, 1, 1, 0, 0]], [[1, 1, 1, 1, 0]]], bool),
            ),
        ),
        Case(
            "causal mask",
            (n(size=(4, 3)), n(size=(4, 3)), n(size=(4, 3)), np.tril(np.ones((4, 4), dtype=bool))),
        ),
        Case(
            "batch of 1", (n(size=(1, 2, 4)), n(size=(1, 3, 4)), n(size=(1, 3, 2)), _row_mask(rng, (1, 2, 3)))
        ),
        Case("d = 1, one key", (n(size=(3, 1)), n(size=(1, 1)), n(size=(1, 4)))),
    ]


def _softmax_rows(s, axis=-1):
    s = s - s.max(axis=axis, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=axis, keepdims=True)


def _sdpa_scores(q, k, scale):
    q, k = np.asarray(q, dtype=np.float64), np.asarray(k, dtype=np.float64)
    return (q @ np.swapaxes(k, -1, -2)) * scale


def _sdpa_no_scale(q, k, v, mask=None):
    s = _sdpa_scores(q, k, 1.0)
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    return _softmax_rows(s) @ np.asarray(v, dtype=np.float64)


def _sdpa_inverted_mask(q, k, v, mask=None):
    q = np.asarray(q, dtype=np.float64)
    s = _sdpa_scores(q, k, 1.0 / np.sqrt(q.shape[-1]))
    if mask is not None:
        s = np.where(mask, -1e9, s)  # True read as "masked out"
    return _softmax_rows(s) @ np.asarray(v, dtype=np.float64)


def _sdpa_wrong_axis(q, k, v, mask=None):
    q = np.asarray(q, dtype=np.float64)
    s = _sdpa_scores(q, k, 1.0 / np.sqrt(q.shape[-1]))
    if mask is not None:
        s = np.where(mask, s, -1e9)
    return _softmax_rows(s, axis=-2) @ np.asarray(v, dtype=np.float64)


def _sdpa_no_max_shift(q, k, v, mask=None):
    q = np.asarray(q, dtype=np.float64)
    s = _sdpa_scores(q, k, 1.0 / np.sqrt(q.shape[-1]))
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(s)
        return (e / e.sum(axis=-1, keepdims=True)) @ np.asarray(v, dtype=np.float64)


_SDPA_MISTAKES = (
    Mistake(
        "no-scale",
        _sdpa_no_scale,
        "The scores are not scaled. Divide q @ k^T by sqrt(d) (d = the last dimension of q) before the "
        "softmax, so that large d does not push the softmax into saturation.",
        "打分没有缩放。softmax 之前要把 q @ k^T 除以 sqrt(d)（d 为 q 的最后一维），否则 d 较大时 softmax "
        "会饱和。",
    ),
    Mistake(
        "inverted-mask",
        _sdpa_inverted_mask,
        "The mask is read the wrong way round. Here True means 'may attend' (as in "
        "torch.nn.functional.scaled_dot_product_attention); nn.MultiheadAttention's bool masks use True "
        "for 'blocked'.",
        "mask 的含义读反了。这里 True 表示“可以关注”（与 torch.nn.functional.scaled_dot_product_attention "
        "一致）；"
        "nn.MultiheadAttention 的布尔 mask 才是 True 表示“屏蔽”。",
    ),
    Mistake(
        "softmax-over-queries",
        _sdpa_wrong_axis,
        "The softmax runs over the queries (axis -2). Each query's weights over the keys must sum to 1: "
        "softmax over the last axis.",
        "softmax 做在了 query 维 (axis -2) 上。每个 query 对所有 key 的权重之和应为 1，所以要沿最后一维做 "
        "softmax。",
    ),
    Mistake(
        "no-max-shift",
        _sdpa_no_max_shift,
        "exp of the raw scores overflows for large inputs (inf / inf = nan). Subtract each row's maximum "
        "score before exp; the softmax does not change.",
        "直接对原始打分取 exp，输入较大时会上溢 (inf / inf = nan)。取 exp 之前先减去每行的最大值，softmax "
        "结果不变。",
    ),
)

# ================================================================ swin_relative_position_index


def _rpi_cases(rng: np.random.Generator) -> list[Case]:
    randoms = []
    for i in range(4):
        wh, ww = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        randoms.append(Case(f"random window #{i + 1}", ((wh, ww),)))
    return [
        Case("fixed (2, 2)", ((2, 2),)),
        Case("fixed (2, 3)", ((2, 3),)),
        *randoms,
        Case("non-square (3, 2)", ((3, 2),)),
        Case("single row (1, 4)", ((1, 4),)),
        Case("Swin-T window (7, 7)", ((7, 7),)),
        Case("single token (1, 1)", ((1, 1),)),
        Case("single column (4, 1)", ((4, 1),)),
    ]


def _rpi_parts(window_size):
    wh, ww = int(window_size[0]), int(window_size[1])
    h = np.repeat(np.arange(wh), ww)
    w = np.tile(np.arange(ww), wh)
    return wh, ww, h[:, None] - h[None, :], w[:, None] - w[None, :]


def _rpi_multiplier_wh(window_size):
    wh, ww, dh, dw = _rpi_parts(window_size)
    return ((dh + wh - 1) * (2 * wh - 1) + (dw + ww - 1)).astype(np.int64)


def _rpi_no_shift(window_size):
    wh, ww, dh, dw = _rpi_parts(window_size)
    return (dh * (2 * ww - 1) + dw).astype(np.int64)


def _rpi_plain_sum(window_size):
    wh, ww, dh, dw = _rpi_parts(window_size)
    return ((dh + wh - 1) + (dw + ww - 1)).astype(np.int64)


def _rpi_transposed(window_size):
    wh, ww, dh, dw = _rpi_parts(window_size)
    return ((-dh + wh - 1) * (2 * ww - 1) + (-dw + ww - 1)).astype(np.int64)


_RPI_MISTAKES = (
    Mistake(
        "multiplier-uses-height",
        _rpi_multiplier_wh,
        "The row offset is multiplied by 2*Wh - 1. It must be multiplied by 2*Ww - 1, the number of "
        "possible column offsets, so that the index is row-major in a (2Wh-1) x (2Ww-1) table.",
        "行偏移乘的是 2*Wh - 1。应乘 2*Ww - 1，即列偏移可能取值的个数，这样索引才是 (2Wh-1) x (2Ww-1) "
        "表里的行优先下标。",
    ),
    Mistake(
        "no-shift",
        _rpi_no_shift,
        "The relative offsets were not shifted to start at 0 (add Wh - 1 to the row offset and Ww - 1 to "
        "the column offset), so some indices are negative.",
        "相对偏移没有平移到从 0 开始（行偏移加 Wh - 1，列偏移加 Ww - 1），结果出现了负索引。",
    ),
    Mistake(
        "plain-sum",
        _rpi_plain_sum,
        "Adding the two shifted offsets directly maps different offsets such as (0, 2) and (2, 0) to the "
        "same index. Multiply the row offset by 2*Ww - 1 before adding.",
        "直接把平移后的两个偏移相加，会让 (0, 2) 和 (2, 0) 这类不同偏移得到同一个索引。"
        "相加前先把行偏移乘以 2*Ww - 1。",
    ),
    Mistake(
        "transposed",
        _rpi_transposed,
        "The offsets are taken as j - i. The official code uses coords[:, :, None] - coords[:, None, :], "
        "i.e. the query's coordinates minus the key's (row i minus column j).",
        "偏移取成了 j - i。官方代码用 coords[:, :, None] - coords[:, None, :]，即 query（第 i 行）"
        "的坐标减去 key（第 j 列）的坐标。",
    ),
)

# ================================================================ swin_attention_mask


def _mask_cases(rng: np.random.Generator) -> list[Case]:
    randoms = []
    for i in range(4):
        ws = int(rng.integers(2, 5))
        s = int(rng.integers(1, ws))
        H, W = ws * int(rng.integers(2, 4)), ws * int(rng.integers(2, 4))
        randoms.append(Case(f"random map #{i + 1}", (H, W, ws, s)))
    return [
        Case("fixed 4x4, window 2, shift 1", (4, 4, 2, 1)),
        Case("fixed 6x6, window 3, shift 1", (6, 6, 3, 1)),
        *randoms,
        Case("non-square map 6x9", (6, 9, 3, 1)),
        Case("tall map 12x4", (12, 4, 2, 1)),
        Case("shift = window - 1", (8, 8, 4, 3)),
        Case("Swin-T 14x14, window 7, shift 3", (14, 14, 7, 3)),
        Case("3x3 windows", (9, 9, 3, 2)),
    ]


def _region_map(H, W, ws, s, slices_h, slices_w):
    img = np.zeros((H, W))
    cnt = 0
    for hs in slices_h:
        for wsl in slices_w:
            img[hs, wsl] = cnt
            cnt += 1
    return img


def _windows(img, ws, window_order="row", token_order="row"):
    H, W = img.shape
    x = img.reshape(H // ws, ws, W // ws, ws)
    x = x.transpose(0, 2, 1, 3) if window_order == "row" else x.transpose(2, 0, 1, 3)
    if token_order != "row":
        x = np.swapaxes(x, -1, -2)
    return x.reshape(-1, ws * ws)


def _mask_from(win, fill=-100.0):
    return np.where(win[:, None, :] == win[:, :, None], 0.0, fill)


def _official_slices(ws, s):
    return (slice(0, -ws), slice(-ws, -s), slice(-s, None))


def _mask_top_left(H, W, window_size, shift_size):
    ws, s = window_size, shift_size
    sl = (slice(0, s), slice(s, ws), slice(ws, None))  # regions placed as if shifted the other way
    return _mask_from(_windows(_region_map(H, W, ws, s, sl, sl), ws))


def _mask_windows_column_major(H, W, window_size, shift_size):
    ws, s = window_size, shift_size
    sl = _official_slices(ws, s)
    return _mask_from(_windows(_region_map(H, W, ws, s, sl, sl), ws, window_order="column"))


def _mask_tokens_column_major(H, W, window_size, shift_size):
    ws, s = window_size, shift_size
    sl = _official_slices(ws, s)
    return _mask_from(_windows(_region_map(H, W, ws, s, sl, sl), ws, token_order="column"))


def _mask_minus_inf(H, W, window_size, shift_size):
    ws, s = window_size, shift_size
    sl = _official_slices(ws, s)
    return _mask_from(_windows(_region_map(H, W, ws, s, sl, sl), ws), fill=-np.inf)


_MASK_MISTAKES = (
    Mistake(
        "regions-at-top-left",
        _mask_top_left,
        "The region boundaries are at the top-left (0 | s | ws). The official code rolls the map by "
        "-shift_size, so the wrapped-around strips end up at the bottom/right: the slices are "
        "[0, -ws), [-ws, -s), [-s, end).",
        "区域边界放在了左上角 (0 | s | ws)。官方代码把特征图按 -shift_size 循环移位，"
        "绕回来的条带在下方和右侧："
        "切片应为 [0, -ws)、[-ws, -s)、[-s, end)。",
    ),
    Mistake(
        "windows-column-major",
        _mask_windows_column_major,
        "The windows are enumerated column by column. window_partition lists them row-major: all windows "
        "of the first window row, then the next row.",
        "窗口是按列枚举的。window_partition 按行优先排列窗口：先是第一行的所有窗口，再到下一行。",
    ),
    Mistake(
        "tokens-column-major",
        _mask_tokens_column_major,
        "The tokens inside a window are flattened column-major. They are flattened row-major "
        "(view(-1, ws * ws) of a (ws, ws) window), as the attention's tokens are.",
        "窗口内的 token 按列展平了。应按行优先展平（对 (ws, ws) 的窗口做 view(-1, ws * ws)），与注意力里 "
        "token 的顺序一致。",
    ),
    Mistake(
        "minus-inf",
        _mask_minus_inf,
        "You filled with -inf. The official mask uses -100 where tokens come from different regions "
        "(exp(-100) is already negligible) and 0 elsewhere.",
        "你填的是 -inf。官方的 mask 在来自不同区域的位置填 -100（exp(-100) 已可忽略），其余位置为 0。",
    ),
)

# ================================================================ registry

SPECS: list[FunctionSpec] = [
    FunctionSpec(
        "sinusoidal_positional_encoding", ref.sinusoidal_positional_encoding, _pe_cases, mistakes=_PE_MISTAKES
    ),
    FunctionSpec(
        "scaled_dot_product_attention",
        ref.scaled_dot_product_attention,
        _sdpa_cases,
        stable=True,
        mistakes=_SDPA_MISTAKES,
    ),
    FunctionSpec(
        "swin_relative_position_index", ref.swin_relative_position_index, _rpi_cases, mistakes=_RPI_MISTAKES
    ),
    FunctionSpec("swin_attention_mask", ref.swin_attention_mask, _mask_cases, mistakes=_MASK_MISTAKES),
]

"""Parent side of the child protocol: encode case arguments, decode and validate results.

Decoded results contain only plain ``numpy.ndarray`` (never a subclass, never object
dtype, loaded with ``allow_pickle=False``), NumPy scalars, Python scalars, strings,
None, tuples and lists. Anything else was refused by the child or is refused here.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from .spec import Callback

MAX_DEPTH = 8


class WireError(Exception):
    pass


def encode_args(value: Any, arrays: list[np.ndarray]) -> list[Any]:
    if isinstance(value, Callback):
        return ["cb", value.name, {k: encode_args(v, arrays) for k, v in value.params.items()}]
    if type(value) is np.ndarray:
        arrays.append(value)
        return ["a", len(arrays) - 1]
    if isinstance(value, np.generic):
        arrays.append(np.asarray(value))
        return ["g", len(arrays) - 1]
    if value is None or type(value) in (bool, int, float, str):
        return ["v", value]
    if type(value) in (tuple, list):
        return ["t" if type(value) is tuple else "l", [encode_args(v, arrays) for v in value]]
    raise TypeError(f"cannot send a {type(value).__name__} to the child")


def load_array(payload: bytes) -> np.ndarray:
    try:
        arr = np.load(io.BytesIO(payload), allow_pickle=False)
    except Exception as exc:  # noqa: BLE001 - any malformed frame
        raise WireError(f"an unreadable array ({type(exc).__name__})") from None
    if type(arr) is not np.ndarray or arr.dtype.hasobject or arr.dtype.kind not in "biufcU":
        raise WireError("an array of a type that is not accepted")
    return arr


def decode_value(tree: Any, arrays: list[np.ndarray], depth: int = 0) -> Any:
    if depth > MAX_DEPTH or not isinstance(tree, list) or not tree:
        raise WireError("a malformed value")
    kind = tree[0]
    if kind == "a":
        return arrays[_index(tree, arrays)]
    if kind == "g":
        arr = arrays[_index(tree, arrays)]
        if arr.ndim != 0:
            raise WireError("a malformed scalar")
        return arr[()]
    if kind == "v" and len(tree) == 2 and (tree[1] is None or type(tree[1]) in (bool, int, float, str)):
        return tree[1]
    if kind == "f" and tree[1] in ("nan", "inf", "-inf"):
        return float(tree[1])
    if kind == "big" and isinstance(tree[1], str) and tree[1].lstrip("-").isdigit():
        return int(tree[1])
    if kind in ("t", "l") and isinstance(tree[1], list):
        items = [decode_value(t, arrays, depth + 1) for t in tree[1]]
        return tuple(items) if kind == "t" else items
    raise WireError("a malformed value")


def _index(tree: list[Any], arrays: list[np.ndarray]) -> int:
    i = tree[1] if len(tree) == 2 else None
    if type(i) is not int or not 0 <= i < len(arrays):
        raise WireError("a malformed value")
    return i

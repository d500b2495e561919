"""Comparing an answer's value with the reference's, the way the catalogue fixes it.

The expected value's structure decides the rules: arrays need the exact shape (no
broadcasting) and dtype (float64 for floats, an integer dtype for integers, the
spec's exact ``int_dtype`` where it names one), then closeness; integer outputs and
strings must be equal; scalars may be Python numbers, NumPy scalars or 0-d arrays;
tuples and lists are compared item by item. Non-finite values where the expected
value is finite fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class Outcome:
    ok: bool
    message: str = ""
    index: tuple[int, ...] | None = None
    max_abs: float | None = None
    max_rel: float | None = None


def describe(value: Any) -> str:
    """A short description of a value's type and shape."""
    if type(value) is np.ndarray:
        return f"array {value.dtype} {tuple(value.shape)}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__} scalar"
    if isinstance(value, tuple | list):
        return f"{type(value).__name__} of {len(value)}"
    return type(value).__name__


def _is_int_scalar(v: Any) -> bool:
    if type(v) is bool or isinstance(v, np.bool_):
        return False
    if isinstance(v, int | np.integer):
        return True
    return type(v) is np.ndarray and v.ndim == 0 and v.dtype.kind in "iu"


def _is_float_scalar(v: Any) -> bool:
    if type(v) is float or isinstance(v, np.float64):
        return True
    return type(v) is np.ndarray and v.ndim == 0 and v.dtype == np.float64


def compare(
    expected: Any, got: Any, rtol: float, atol: float, int_dtype: str | None = None, where: str = ""
) -> Outcome:
    label = f"{where}: " if where else ""
    if type(expected) is np.ndarray and expected.ndim == 0:
        expected = expected[()]  # a 0-d result is a scalar: any scalar form is accepted
    if type(expected) is np.ndarray:
        return _compare_array(expected, got, rtol, atol, int_dtype, label)
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list):
            return Outcome(
                False, f"{label}expected a {type(expected).__name__} of {len(expected)} values, got {describe(got)}"
            )
        if len(got) != len(expected):
            return Outcome(False, f"{label}expected {len(expected)} values, got {len(got)}")
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            out = compare(e, g, rtol, atol, int_dtype, where=f"{where}[{i}]" if where else f"item {i}")
            if not out.ok:
                return out
        return Outcome(True)
    if isinstance(expected, str):
        if not isinstance(got, str):
            return Outcome(False, f"{label}expected the string {expected!r}, got {describe(got)}")
        return Outcome(got == expected, "" if got == expected else f"{label}expected {expected!r}, got {got!r}")
    if isinstance(expected, bool | np.bool_):
        if not isinstance(got, bool | np.bool_):
            return Outcome(False, f"{label}expected a bool, got {describe(got)}")
        return Outcome(
            bool(got) == bool(expected), "" if bool(got) == bool(expected) else f"{label}expected {expected}, got {got}"
        )
    if _is_int_scalar(expected):
        if not _is_int_scalar(got):
            return Outcome(False, f"{label}expected an integer, got {describe(got)} {got!r}"[:300])
        e, g = int(expected), int(got)
        return Outcome(e == g, "" if e == g else f"{label}expected {e}, got {g}")
    if isinstance(expected, float | np.floating) or (type(expected) is np.ndarray and expected.ndim == 0):
        if not _is_float_scalar(got):
            return Outcome(False, f"{label}expected a float64 number, got {describe(got)} {got!r}"[:300])
        return _close(np.asarray(float(expected)), np.asarray(float(got)), rtol, atol, label)
    if expected is None:
        return Outcome(got is None, "" if got is None else f"{label}expected None, got {describe(got)}")
    return Outcome(False, f"{label}cannot compare with {describe(expected)}")


def _compare_array(
    expected: np.ndarray, got: Any, rtol: float, atol: float, int_dtype: str | None, label: str
) -> Outcome:
    if type(got) is not np.ndarray or (got.ndim == 0 and expected.ndim != 0):
        return Outcome(False, f"{label}expected a NumPy array {tuple(expected.shape)}, got {describe(got)}")
    if got.shape != expected.shape:
        return Outcome(False, f"{label}expected shape {tuple(expected.shape)}, got {tuple(got.shape)}")
    kind = expected.dtype.kind
    if kind == "f":
        if got.dtype != np.float64:
            return Outcome(False, f"{label}expected dtype float64, got {got.dtype}")
        return _close(expected, got, rtol, atol, label)
    if kind in "iu":
        if int_dtype is not None and got.dtype != np.dtype(int_dtype):
            return Outcome(False, f"{label}expected dtype {int_dtype}, got {got.dtype}")
        if got.dtype.kind not in "iu":
            return Outcome(False, f"{label}expected an integer dtype, got {got.dtype}")
    elif kind == "b":
        if got.dtype.kind != "b":
            return Outcome(False, f"{label}expected dtype bool, got {got.dtype}")
    elif got.dtype.kind != kind:
        return Outcome(False, f"{label}expected dtype {expected.dtype}, got {got.dtype}")
    diff = expected != got
    if not diff.any():
        return Outcome(True)
    idx = tuple(int(i) for i in np.argwhere(diff)[0])
    return Outcome(False, f"{label}differs at index {idx}: expected {expected[idx]!r}, got {got[idx]!r}"[:300], idx)


def _close(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float, label: str) -> Outcome:
    e = expected.astype(np.float64)
    g = got.astype(np.float64)
    with np.errstate(all="ignore"):
        finite_e = np.isfinite(e)
        bad_nonfinite = finite_e & ~np.isfinite(g)
        close = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
        abs_err = np.where(finite_e & np.isfinite(g), np.abs(g - e), np.inf)
        rel_err = abs_err / np.maximum(np.abs(e), 1e-300)
    if close.all() and not bad_nonfinite.any():
        return Outcome(True)
    first = np.argwhere(~close | bad_nonfinite)[0]
    idx = tuple(int(i) for i in first)
    at = f" at index {idx}" if e.ndim else ""
    ev, gv = e[idx] if e.ndim else e[()], g[idx] if g.ndim else g[()]
    mismatch = ~close | bad_nonfinite
    max_abs = float(np.max(abs_err[mismatch]))
    max_rel = float(np.max(rel_err[mismatch]))
    if bad_nonfinite.any():
        msg = f"{label}got {gv!r} where the true value is finite ({ev:.6g}){at}"
    else:
        msg = (
            f"{label}wrong value{at}: expected {ev:.8g}, got {gv:.8g} "
            f"(max abs error {max_abs:.3g}, max rel error {max_rel:.3g})"
        )
    return Outcome(False, msg, idx if e.ndim else None, max_abs, max_rel)


def align_signs(expected: Any, got: Any) -> Any:
    """PCA: flip each returned component (and its Z column) to agree in sign with the reference."""
    if not (isinstance(expected, tuple | list) and isinstance(got, tuple | list) and len(expected) == len(got) == 2):
        return got
    z_e, c_e = expected
    z_g, c_g = got
    if not (type(c_g) is np.ndarray and type(z_g) is np.ndarray and c_g.shape == c_e.shape and z_g.shape == z_e.shape):
        return got
    if c_g.dtype.kind != "f" or z_g.dtype.kind != "f":
        return got
    with np.errstate(all="ignore"):
        signs = np.sign(np.sum(c_g * c_e, axis=1))
    signs[signs == 0] = 1
    aligned = [z_g * signs[None, :], c_g * signs[:, None]]
    return tuple(aligned) if isinstance(got, tuple) else aligned

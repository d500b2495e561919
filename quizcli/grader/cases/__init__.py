"""Test cases and known mistakes of every code question, one module per catalogue section.

Each section module defines ``SPECS: list[FunctionSpec]``.
"""

from __future__ import annotations

import importlib

from ..spec import FunctionSpec

SECTIONS = (
    "activations_losses",
    "normalization",
    "regularization",
    "optimizers",
    "detection",
    "convolution",
    "transformers",
    "classical_ml",
)


def spec_for(function: str, reference: str | None = None) -> FunctionSpec | None:
    """The spec of one function, importing only its section when the reference names it."""
    section = reference.split(":", 1)[0].rpartition(".")[2] if reference else None
    if section in SECTIONS:
        module = importlib.import_module(f"{__name__}.{section}")
        for spec in module.SPECS:
            if spec.function == function:
                return spec
    return all_specs().get(function)


def all_specs() -> dict[str, FunctionSpec]:
    """Every registered spec by function name (imports NumPy and the references)."""
    specs: dict[str, FunctionSpec] = {}
    for section in SECTIONS:
        try:
            module = importlib.import_module(f"{__name__}.{section}")
        except ModuleNotFoundError as exc:  # a section not written yet
            if exc.name == f"{__name__}.{section}":
                continue
            raise
        for spec in module.SPECS:
            specs[spec.function] = spec
    return specs

"""Validation of a parsed question file against ``question.schema.json``.

The JSON Schema file is the single source of truth for the format; this module
only turns the first (most specific) violation into one sentence with the file,
line and column where it happens.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import BankError
from .yamlsafe import PathKey, Position

SCHEMA_FILE = "question.schema.json"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def topics() -> tuple[str, ...]:
    return tuple(schema()["$defs"]["question"]["properties"]["topic"]["enum"])


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _position(path: PathKey, positions: dict[PathKey, Position]) -> Position | None:
    p = tuple(path)
    while True:
        if p in positions:
            return positions[p]
        if not p:
            return None
        p = p[:-1]


def _describe(err: Any, data: Any) -> tuple[PathKey, str]:
    path = tuple(err.absolute_path)
    v = err.validator
    if v == "additionalProperties":
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        key = extra[0] if extra else "?"
        return path + ("<key>", key), f"unknown key {key!r} in {_dotted(path)}"
    if v == "required":
        return path, f"{_dotted(path)} is missing required field {err.message.split(chr(39))[1]!r}"
    if v == "false" or (err.schema is False):
        kind = _kind_of(data, path)
        return path[:-1] + ("<key>", path[-1]), f"field {path[-1]!r} is not allowed in a {kind!r} question"
    if v == "enum":
        options = ", ".join(map(str, err.validator_value))
        return path, f"{_dotted(path)} is {err.instance!r}, expected one of: {options}"
    if v == "type":
        return path, f"{_dotted(path)} should be of type {err.validator_value}, not {type(err.instance).__name__}"
    if v == "pattern":
        return path, f"{_dotted(path)} ({err.instance!r}) does not match the pattern {err.validator_value}"
    if v == "oneOf" and path and "sources" in path:
        return path, f"{_dotted(path)} must be either {{seed, section}} or {{ref}}"
    return path, f"{_dotted(path)}: {err.message}"


def _kind_of(data: Any, path: PathKey) -> str:
    node = data
    for part in path[:2]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return "?"
    return node.get("kind", "?") if isinstance(node, dict) else "?"


def _question_label(data: Any, path: PathKey) -> str:
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        try:
            qid = data["questions"][path[1]].get("id")
        except (KeyError, IndexError, TypeError, AttributeError):
            qid = None
        if isinstance(qid, str):
            return f"question {qid!r}: "
    return ""


def validate(data: Any, positions: dict[PathKey, Position], shown: str) -> None:
    """Raise :class:`BankError` for the first schema violation, else return."""
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    from jsonschema.exceptions import best_match, relevance

    # a wrong kind explains every kind-specific error after it: report it first
    kind_errors = [e for e in errors if tuple(e.absolute_path)[-1:] == ("kind",)]
    err = kind_errors[0] if kind_errors else best_match(errors, key=relevance)
    # descend into oneOf/anyOf/allOf to the most specific cause
    while err.context and not (err.validator == "oneOf" and "sources" in err.absolute_path):
        err = best_match(err.context, key=relevance)
    path, message = _describe(err, data)
    pos = _position(path, positions)
    label = _question_label(data, tuple(err.absolute_path))
    raise BankError(shown, label + message, *(pos or (None, None)))

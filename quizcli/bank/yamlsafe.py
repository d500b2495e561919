"""A strict, safe YAML reader for question files.

What it guards against, before or while parsing:

* size: files over ``MAX_BYTES`` and lines over ``MAX_LINE`` are refused before parsing;
* encoding: anything but UTF-8 is refused with the line of the first bad byte;
* nesting: flow brackets deeper than ``MAX_DEPTH`` are refused by a pre-scan, and
  the composer refuses deeper block nesting (so neither libyaml nor Python recurses);
* aliases and anchors (alias bombs) and every tag (``!!python/object`` ...) are refused;
* duplicate mapping keys are refused;
* YAML 1.1 surprises: only the YAML 1.2 core schema is resolved, so ``no`` and ``on``
  stay strings and ``012`` is the decimal 12.

Every refusal is a :class:`~quizcli.errors.BankError` naming file, line and column.
The result is the plain data plus a map from each value's path (a tuple of keys and
indexes) to its ``(line, column)``, so schema errors can point at the right line.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..errors import BankError

MAX_BYTES = 2 * 1024 * 1024
MAX_LINE = 20_000
MAX_DEPTH = 32

Position = tuple[int, int]
PathKey = tuple[Any, ...]


class _Resolver12(BaseResolver):
    """Implicit tags of the YAML 1.2 core schema only."""


_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Resolver12.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Constructor(SafeConstructor):
    def construct_yaml_int(self, node: ScalarNode) -> int:  # type: ignore[override]
        value = str(self.construct_scalar(node))
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value, 10)

    def construct_yaml_float(self, node: ScalarNode) -> float:  # type: ignore[override]
        value = str(self.construct_scalar(node)).lower()
        if value.endswith(".inf"):
            return -math.inf if value.startswith("-") else math.inf
        if value == ".nan":
            return math.nan
        return float(value)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError(None, None, "mapping keys must be plain scalars", key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = seen[key].start_mark.line + 1
                raise ConstructorError(
                    None, None, f"duplicate key {key!r} (first defined on line {line})", key_node.start_mark
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


# Only the tags the core schema resolves to; everything else (python/*, !custom, !!set ...) is refused.
_Constructor.yaml_constructors = {
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _Constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _Constructor.construct_yaml_float,
    "tag:yaml.org,2002:str": SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:seq": SafeConstructor.construct_yaml_seq,
    "tag:yaml.org,2002:map": SafeConstructor.construct_yaml_map,
}
_Constructor.yaml_multi_constructors = {}


def _refuse(problem: str, mark: Any) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(None, None, problem, mark)


class _StrictComposer(Composer):
    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            raise _refuse("aliases (*name) are not allowed in question files", event.start_mark)
        if isinstance(event, ScalarEvent | SequenceStartEvent | MappingStartEvent):
            if event.anchor is not None:
                raise _refuse("anchors (&name) are not allowed in question files", event.start_mark)
            if event.tag is not None and event.tag != "!":
                raise _refuse(f"tags such as {event.tag!r} are not allowed in question files", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _refuse(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)  # type: ignore[return-value]
        finally:
            self._depth -= 1


class _Loader(Reader, Scanner, Parser, _StrictComposer, _Constructor, _Resolver12):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver12.__init__(self)


def read_text(path: Path, shown: str) -> str:
    """Read a file as UTF-8 text, refusing large or non-UTF-8 files before any parsing."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BankError(shown, f"file is {size / 1e6:.1f} MB, larger than the {MAX_BYTES // 2**20} MiB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise BankError(shown, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise BankError(shown, f"file is larger than the {MAX_BYTES // 2**20} MiB limit")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BankError(shown, "is not valid UTF-8 text", line, column) from None


def _prescan(text: str, shown: str) -> None:
    """Refuse over-long lines and deep flow nesting before the parser sees them."""
    if max(map(len, text.split("\n"))) <= MAX_LINE and text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    line = 1
    col_start = 0
    quote: str | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            if i - col_start > MAX_LINE:
                raise BankError(shown, f"line longer than {MAX_LINE} characters", line)
            line += 1
            col_start = i + 1
            quote = None if quote != '"' else quote
            continue
        if quote:
            if ch == quote:
                quote = None
            continue
        if ch in "\"'" and (i == col_start or text[i - 1] in " \t[{,:"):
            quote = ch
        elif ch == "#" and (i == col_start or text[i - 1] in " \t"):
            quote = "\n"  # a comment: skip to the end of the line
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise BankError(shown, f"nesting deeper than {MAX_DEPTH} levels", line, i - col_start + 1)
        elif ch in "]}":
            depth = max(0, depth - 1)
    if len(text) - col_start > MAX_LINE:
        raise BankError(shown, f"line longer than {MAX_LINE} characters", line)


def _friendly(problem: str) -> str:
    if "'\\t'" in problem or "\\t" in problem:
        return "tab characters are not allowed in YAML indentation; use spaces"
    return problem


def parse(text: str, shown: str) -> tuple[Any, dict[PathKey, Position]]:
    """Parse one YAML document into plain data and a path -> (line, column) map."""
    _prescan(text, shown)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise BankError(shown, "file is empty")
        positions: dict[PathKey, Position] = {}
        _walk(node, (), positions)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _friendly(exc.problem or exc.context or "invalid YAML")
        if mark is None:
            raise BankError(shown, problem) from None
        raise BankError(shown, problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise BankError(shown, f"invalid YAML ({exc})") from None
    except RecursionError:
        raise BankError(shown, "nesting too deep") from None
    finally:
        loader.dispose()
    return data, positions


def _walk(node: Node, path: PathKey, out: dict[PathKey, Position]) -> None:
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            out[path + ("<key>", key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, path + (key,), out)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), out)

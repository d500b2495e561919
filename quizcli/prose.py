"""A small Markdown renderer for question text: fast to import, made for the bank's subset.

The bank's prose uses paragraphs, bullet and numbered lists (possibly nested), **bold**,
*italic*, `code`, fenced code blocks and $math$ — nothing else (tests keep it so). Rendering
that with rich's full Markdown means importing markdown-it and pygments, about 130 ms, on the
path to the first question of a session; this renders the same subset with rich's Text and
table grid, and imports rich.syntax (pygments) only when a fenced code block is shown.
Reports with tables still use rich's Markdown.
"""

from __future__ import annotations

import re
from typing import Any

from .textmath import math_to_text

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_FENCE = re.compile(r"^\s*```(\w*)\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_INLINE = re.compile(
    r"(`[^`]+`|\*\*[^*]+?\*\*|__[^_]+?__|(?<![\w*])\*(?![\s*])[^*]+?(?<!\s)\*(?![\w*])"
    r"|(?<![\w_])_(?![\s_])[^_]+?(?<!\s)_(?![\w_]))"
)


def inline(text: str) -> Any:
    """One paragraph's inline Markdown as a rich Text."""
    from rich.text import Text

    out = Text()
    for part in _INLINE.split(math_to_text(text)):
        if not part:
            continue
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(part[1:-1], style="bold cyan")
        elif (part.startswith("**") and part.endswith("**") or part.startswith("__") and part.endswith("__")) and len(
            part
        ) > 4:
            out.append(part[2:-2], style="bold")
        elif part[0] in "*_" and part[-1] == part[0] and len(part) > 2:
            out.append(part[1:-1], style="italic")
        else:
            out.append(part)
    return out


def _join(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph (no space between two CJK characters)."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and line:
            cjk = re.match(r"[\u3000-\u9fff\uff00-\uffef]", line[0]) and re.search(
                r"[\u3000-\u9fff\uff00-\uffef]$", text
            )
            text += ("" if cjk else " ") + line
        else:
            text += line
    return text


def render(text: str) -> Any:
    """Markdown (the bank's subset) as a rich renderable."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    blocks: list[Any] = []
    lines = text.strip("\n").splitlines()
    para: list[str] = []
    items: list[tuple[int, str, list[str]]] = []  # (indent, marker, lines)

    def flush_para() -> None:
        if para:
            blocks.append(inline(_join(para)))
            para.clear()

    def flush_items() -> None:
        if not items:
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for indent, marker, body in items:
            bullet = ("  " * min(indent // 2, 3)) + ("•" if marker in "-*+" else marker)
            grid.add_row(Text(bullet, style="bold"), inline(_join(body)))
        blocks.append(grid)
        items.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush_para()
            flush_items()
            lang = fence.group(1) or "python"
            code: list[str] = []
            i += 1
            while i < len(lines) and not _FENCE.match(lines[i]):
                code.append(lines[i])
                i += 1
            from rich.syntax import Syntax

            blocks.append(Syntax("\n".join(code), lang, theme="monokai", word_wrap=True, background_color="default"))
            i += 1
            continue
        item = _ITEM.match(line)
        if item:
            flush_para()
            items.append((len(item.group(1)), item.group(2), [item.group(3)]))
        elif not line.strip():
            flush_para()
            flush_items()
        elif items and line.startswith((" ", "\t")):
            items[-1][2].append(line)  # continuation of a list item
        else:
            flush_items()
            para.append(line)
        i += 1
    flush_para()
    flush_items()
    spaced: list[Any] = []
    for block in blocks:
        if spaced:
            spaced.append(Text(""))
        spaced.append(block)
    return Group(*spaced)

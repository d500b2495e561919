"""The bank's Markdown with ``$math$`` as safe HTML for Anki.

* Markdown is rendered by ``markdown-it-py`` (already installed: rich depends on it) in
  CommonMark mode with tables, and with raw HTML *off*: any ``<tag>`` in the bank is shown
  as text, never interpreted. Link targets pass markdown-it's validation (no ``javascript:``).
* Math is cut out before the Markdown pass (so ``_`` and ``*`` inside formulas are not
  taken for emphasis, nor ``|`` for table cells), then put back HTML-escaped between the
  MathJax delimiters Anki understands: ``$...$`` becomes ``\\(...\\)`` and ``$$...$$``
  becomes ``\\[...\\]``. Code spans and fenced code blocks are left alone, so a ``$`` in code
  stays a dollar sign.
* Plain text (sources, ids, seed-note claims) goes through :func:`text` (escaped as ``html.escape``
  does with ``quote=False``).

markdown-it-py takes about 0.1 ms per kilobyte; an export renders a few thousand texts, so
results are memoised by the hash of the source text (:class:`Memo`, kept in the cache
directory next to the parsed bank) and only changed texts are rendered again. The export
memoises whole notes the same way (see :mod:`.anki`), so this memo is read only for the
notes whose question changed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

RENDER_VERSION = 2  # bump when the HTML produced for the same text changes

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
# after pandoc: no space right after the opening dollar, no digit right after the closing one
# (so "$5 and $10" stays text); a formula may span lines but not paragraphs
_INLINE = re.compile(r"(?<![\\$])\$(?![\s$])((?:[^$\\\n]|\\.|\n(?!\s*\n))+?)(?<!\\)\$(?![\d$])")
_SLOT = re.compile("\ue000(\\d+)\ue001")


@lru_cache(maxsize=1)
def _md() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def escape(s: str) -> str:
    """``html.escape(s, quote=False)``, without importing ``html`` (and its 2,000 entities)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(s: str) -> str:
    """Plain text as HTML (escaped; line breaks kept)."""
    return escape(s.strip()).replace("\n", "<br>")


def text_math(s: str) -> str:
    """Plain text (a quoted claim, a heading) as HTML, with its ``$math$`` for MathJax."""
    slots: list[str] = []

    def keep(m: re.Match[str], display: bool) -> str:
        slots.append(_math(m.group(1), display))
        return f"\ue000{len(slots) - 1}\ue001"

    s = s.replace("\ue000", "").replace("\ue001", "")
    s = _DISPLAY.sub(lambda m: keep(m, True), s)
    s = _INLINE.sub(lambda m: keep(m, False), s)
    return _SLOT.sub(lambda m: slots[int(m.group(1))], text(s))


def code_block(source: str, language: str = "python") -> str:
    return f'<pre><code class="language-{language}">{escape(source.rstrip())}</code></pre>'


def _split_code(src: str) -> list[tuple[bool, str]]:
    """(is_code, piece) runs: fenced blocks and code spans are code, the rest is prose."""
    runs: list[tuple[bool, str]] = []
    prose: list[str] = []
    lines = src.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            prose.append(lines[i])
            i += 1
            continue
        fence = m.group(1)
        j = i + 1
        while j < len(lines) and not re.match(
            r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", lines[j]
        ):
            j += 1
        runs.extend(_split_spans("".join(prose)))
        prose = []
        runs.append((True, "".join(lines[i : j + 1])))
        i = j + 1
    runs.extend(_split_spans("".join(prose)))
    return runs


def _split_spans(prose: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in _INLINE_CODE.finditer(prose):
        out.append((False, prose[pos : m.start()]))
        out.append((True, m.group(0)))
        pos = m.end()
    out.append((False, prose[pos:]))
    return out


def _math(tex: str, display: bool) -> str:
    body = escape(" ".join(tex.split()) if not display else tex.strip())
    return f"\\[{body}\\]" if display else f"\\({body}\\)"


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


class Memo:
    """Derived values (rendered HTML, whole notes) by hash of their source, kept in a marshal file.

    The file is read on the first lookup, so a memo that is never consulted costs nothing. Values
    are whatever marshal stores (strings, lists, ...); ``valid`` rejects an entry of the wrong
    shape, which is then computed again. A file of another ``version`` is ignored.
    """

    MAX_ENTRIES = 50_000

    def __init__(self, path: Path | None = None, version: Any = RENDER_VERSION, max_entries: int = MAX_ENTRIES) -> None:
        self.path = path
        self.version = version
        self.max_entries = max_entries
        self._old: dict[bytes, Any] | None = None
        self.used: dict[bytes, Any] = {}
        self.computed = 0

    @property
    def old(self) -> dict[bytes, Any]:
        """The entries of the file (read now if not yet)."""
        if self._old is None:
            self._old = {}
            if self.path is not None:
                try:
                    raw = marshal.loads(self.path.read_bytes())
                    if isinstance(raw, dict) and raw.get("version") == self.version:
                        entries = raw.get("entries")
                        self._old = entries if isinstance(entries, dict) else {}
                except (OSError, ValueError, EOFError, TypeError):
                    pass
        return self._old

    def get(
        self, kind: str, src: str | bytes, compute: Callable[[], Any], valid: Callable[[Any], bool] = _is_str
    ) -> Any:
        """``compute()``, memoised by (kind, src)."""
        h = hashlib.sha256(kind.encode())
        h.update(b"\0")
        h.update(src if isinstance(src, bytes) else src.encode())
        key = h.digest()[:16]
        out = self.used.get(key)
        if out is None:
            out = self.old.get(key)
            if out is None or not valid(out):
                out = compute()
                self.computed += 1
            self.used[key] = out
        return out

    def markdown(self, src: str, inline: bool = False) -> str:
        out: str = self.get(f"md{int(inline)}", src, lambda: markdown(src, inline))
        return out

    def save(self) -> None:
        """Best effort; old entries are kept unless the file would grow past ``max_entries``."""
        if self.path is None or not self.computed:
            return
        entries = {**self.old, **self.used} if len(self.old) + len(self.used) <= self.max_entries else self.used
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.stem}-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps({"version": self.version, "entries": entries}))
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            pass


def markdown(src: str, inline: bool = False) -> str:
    """Markdown with math as HTML; ``inline`` drops the ``<p>`` around a single paragraph."""
    slots: list[str] = []

    def keep(rendered: str) -> str:
        slots.append(rendered)
        return f"\ue000{len(slots) - 1}\ue001"

    pieces = []
    for is_code, piece in _split_code(src.replace("\ue000", "").replace("\ue001", "")):
        if not is_code:
            piece = _DISPLAY.sub(lambda m: keep(_math(m.group(1), True)), piece)
            piece = _INLINE.sub(lambda m: keep(_math(m.group(1), False)), piece)
        pieces.append(piece)
    out = _md().render("".join(pieces).strip()).strip()
    out = _SLOT.sub(lambda m: slots[int(m.group(1))], out)
    if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out

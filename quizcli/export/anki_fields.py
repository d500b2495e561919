"""One question as the fields and tags of an Anki note (see ``anki_model.FIELDS``).

``lang`` is ``en``, ``zh`` or ``both``: the fields of a language that is not exported are
left empty, and bilingual pieces (choices, hints, corrections) carry only the exported
language(s). Language-neutral fields (value, starter, solution, sources) are always filled.
"""

from __future__ import annotations

import ast
import hashlib
import json
import marshal
import re
from collections.abc import Iterable
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..bank.loader import reference_dir
from ..errors import ExportError
from ..models import LETTERS, Question
from . import markup
from .anki_model import FIELDS

NOTE_VERSION = 1  # bump when the fields made from the same question change (with markup.RENDER_VERSION)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
# everything of a question that its note is made from (not where it was defined)
_CONTENT = attrgetter(*(name for name in Question.__dataclass_fields__ if name not in ("origin", "builtin")))
LANGS = {"en": ("en",), "zh": ("zh",), "both": ("en", "zh")}
_LANG_ATTR = {"en": "", "zh": ' lang="zh-Hans"'}
KIND_LABEL = {"open": "open", "mcq": "multiple choice", "numeric": "numeric", "code": "code"}


class Sources:
    """Reference solutions read from ``reference_impls`` with ``ast`` (without importing them).

    Each module's function index (line span, arguments, docstring) is memoised by the hash of
    the module's text, so a warm export does not parse Python at all.
    """

    def __init__(self, memo: markup.Memo | None = None, root: Path | None = None) -> None:
        self.memo = memo or markup.Memo()
        self.root = root
        self._texts: dict[str, tuple[str, str]] = {}
        self._modules: dict[str, tuple[list[str], dict[str, Any]]] = {}

    def _file(self, module: str) -> Path:
        return (self.root or reference_dir()) / (module.split(".", 1)[1] + ".py")

    def _unreadable(self, module: str, qid: str, exc: Exception) -> ExportError:
        return ExportError(f"cannot read the reference solution of {qid} in {self._file(module)} ({exc})")

    def _text(self, module: str, qid: str) -> tuple[str, str]:
        """The module's text and its hash."""
        if module not in self._texts:
            try:
                text = self._file(module).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise self._unreadable(module, qid, exc) from None
            self._texts[module] = (text, hashlib.sha256(text.encode()).hexdigest())
        return self._texts[module]

    def digest(self, q: Question) -> str:
        """The hash of the module that holds the reference solution of a code question."""
        assert q.reference
        return self._text(q.reference.partition(":")[0], q.id)[1]

    def _module(self, module: str, qid: str) -> tuple[list[str], dict[str, Any]]:
        if module not in self._modules:
            text = self._text(module, qid)[0]
            try:
                index = json.loads(self.memo.get("ast1", text, lambda: json.dumps(_index(text))))
            except SyntaxError as exc:
                raise self._unreadable(module, qid, exc) from None
            self._modules[module] = (text.splitlines(), index)
        return self._modules[module]

    def _function(self, q: Question) -> tuple[list[str], dict[str, Any], str]:
        assert q.reference
        module, _, name = q.reference.partition(":")
        lines, index = self._module(module, q.id)
        if name not in index:
            raise ExportError(f"the reference solution {q.reference!r} of {q.id} does not exist")
        return lines, index, name

    def solution(self, q: Question) -> str:
        """The reference function's source, followed by the module's helpers it calls."""
        lines, index, name = self._function(q)
        order = [name]
        parts: list[str] = []
        while len(parts) < len(order):  # then the helpers it calls, transitively
            start, end = index[order[len(parts)]][:2]
            source = "\n".join(lines[start - 1 : end])
            parts.append(source)
            for called in _CALL.findall(source):
                if called in index and called not in order:
                    order.append(called)
        return "\n\n\n".join(parts)

    def signature(self, q: Question) -> str:
        """The reference's ``def`` line and docstring, for code questions without a starter."""
        _, index, name = self._function(q)
        args, doc = index[name][2:]
        body = f'    """{doc}\n    """\n' if doc else ""
        return f"def {q.function}({args}):\n{body}    ..."


def _index(text: str) -> dict[str, list[Any]]:
    """name -> [first line (decorators included), last line, arguments, docstring] of top-level functions."""
    out: dict[str, list[Any]] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef):
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            out[node.name] = [start, node.end_lineno, ast.unparse(node.args), ast.get_docstring(node) or ""]
    return out


def tags(q: Question) -> list[str]:
    out = [f"quiz::topic::{q.topic}", f"kind::{q.kind}", f"difficulty::{q.difficulty}"]
    out += [f"quiz::tag::{t}" for t in q.tags]
    return out


def _per_lang(langs: Iterable[str], render: dict[str, str]) -> str:
    return "".join(f'<div class="{lang}"{_LANG_ATTR[lang]}>{render[lang]}</div>' for lang in langs)


def _meta(q: Question) -> str:
    stars = "★" * q.difficulty + "☆" * (3 - q.difficulty)
    chips = [
        ("topic", q.topic),
        ("kind", KIND_LABEL.get(q.kind, q.kind)),
        ("difficulty", stars),
        ("id", q.id),
    ]
    return "".join(f'<span class="chip {cls}">{markup.text(v)}</span>' for cls, v in chips)


def _choices(q: Question, langs: tuple[str, ...], key: bool, md: markup.Memo) -> str:
    items = []
    for i, c in enumerate(q.choices):
        letter = LETTERS[i]
        body = _per_lang(langs, {lang: md.markdown(c[lang], inline=True) for lang in langs})
        cls = ""
        mark = ""
        if key:
            right = letter == q.correct
            cls = ' class="correct"' if right else ' class="wrong"'
            mark = f'<span class="mark">{"✓" if right else "✗"}</span> '
            why = c.get("why")
            if why:
                body += '<div class="why">' + _per_lang(langs, {lang: md.markdown(why[lang]) for lang in langs})
                body += "</div>"
        items.append(f'<li{cls}><span class="letter">{mark}{letter}</span><div class="body">{body}</div></li>')
    return f'<ol class="choices{" key" if key else ""}">' + "".join(items) + "</ol>"


def _number(x: float) -> str:
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return format(x, ".12g")


def _value(q: Question) -> str:
    assert q.value is not None
    out = f'<span class="value">{markup.text(_number(q.value))}</span>'
    if q.tolerance:
        out += f' <span class="tol">± {markup.text(_number(q.tolerance))}</span>'
    if q.unit:
        out += f' <span class="unit">{markup.text(q.unit)}</span>'
    return f'<div class="numeric">{out}</div>'


def _sources(q: Question) -> str:
    items = []
    for s in q.sources:
        if "seed" in s:
            items.append(f"<li>{markup.text(s['seed'])}: <i>{markup.text_math(s['section'])}</i></li>")
        else:
            items.append(f"<li>{markup.text(s['ref'])}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _corrections(q: Question, langs: tuple[str, ...], md: markup.Memo) -> str:
    items = []
    for n in q.notes:
        where = n["seed"] + (f": {n['section']}" if n.get("section") else "")
        claim = f'<div class="claim">{markup.text_math(where)} — “{markup.text_math(n["claim"])}”</div>'
        fix = _per_lang(langs, {lang: md.markdown(n["correction"][lang]) for lang in langs})
        items.append(f'<li>{claim}{fix}<div class="why">{markup.text(n["ref"])}</div></li>')
    return "<ul>" + "".join(items) + "</ul>"


def note_source(q: Question, lang: str, sources: Sources) -> bytes:
    """Everything :func:`note_fields` reads, as bytes: the question, ``lang``, the reference module's hash.

    marshal's version 0 has no back-references nor interned strings, so equal content gives
    equal bytes whether the bank was parsed from YAML or read from its cache.
    """
    reference = sources.digest(q) if q.kind == "code" and q.reference else ""
    return marshal.dumps((NOTE_VERSION, markup.RENDER_VERSION, lang, reference, _CONTENT(q)), 0)


def note_fields(q: Question, lang: str, sources: Sources, md: markup.Memo | None = None) -> list[str]:
    """The note's fields, in ``FIELDS`` order."""
    md = md or markup.Memo()
    langs = LANGS[lang]
    f = dict.fromkeys(FIELDS, "")
    f["Id"] = markup.text(q.id)
    f["Lang"] = lang
    f["Meta"] = _meta(q)
    for code in langs:
        suffix = code.capitalize()
        f["Prompt" + suffix] = md.markdown(q.prompt[code])
        f["Answer" + suffix] = md.markdown(q.answer[code])
        if q.explanation:
            f["Explanation" + suffix] = md.markdown(q.explanation[code])
    if q.kind == "mcq":
        f["Choices"] = _choices(q, langs, key=False, md=md)
        f["Key"] = _choices(q, langs, key=True, md=md)
    if q.kind == "numeric" and q.value is not None:
        f["Value"] = _value(q)
    if q.kind == "code" and q.reference:
        f["Starter"] = markup.code_block(q.starter if q.starter else sources.signature(q))
        f["Solution"] = markup.code_block(sources.solution(q))
    if q.hints:
        f["Hints"] = (
            "<ol>"
            + "".join(
                "<li>" + _per_lang(langs, {code: md.markdown(h[code]) for code in langs}) + "</li>" for h in q.hints
            )
            + "</ol>"
        )
    if q.notes:
        f["Corrections"] = _corrections(q, langs, md)
    f["Sources"] = _sources(q)
    return [f[name] for name in FIELDS]

"""One question as the fields and tags of an Anki note (see ``anki_model.FIELDS``).

``lang`` is ``en``, ``zh`` or ``both``: the fields of a language that is not exported are
left empty, and bilingual pieces (choices, hints, corrections) carry only the exported
language(s). Language-neutral fields (value, starter, solution, sources) are always filled.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from operator import attrgetter

from ..models import LETTERS, Question
from ..references import Sources
from . import markup
from .anki_model import FIELDS

NOTE_VERSION = 1  # bump when the fields made from the same question change (with markup.RENDER_VERSION)
# everything of a question that its note is made from (not where it was defined)
_CONTENT = attrgetter(*(name for name in Question.__dataclass_fields__ if name not in ("origin", "builtin")))
LANGS = {"en": ("en",), "zh": ("zh",), "both": ("en", "zh")}
_LANG_ATTR = {"en": "", "zh": ' lang="zh-Hans"'}
KIND_LABEL = {"open": "open", "mcq": "multiple choice", "numeric": "numeric", "code": "code"}


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

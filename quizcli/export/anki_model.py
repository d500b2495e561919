"""The frozen Anki note type and the deck ids of the export.

Anki matches an imported note type by id and, when its fields or templates differ from
the one already in the collection, imports the notes as *copies* under a new note type.
So the note type below is frozen: ``FIELDS``, ``FRONT``, ``BACK`` and ``CSS`` change only
together with a new ``MODEL_ID`` (and a new ``MODEL_FINGERPRINT``, the hash of all four,
which ``tests/test_export_anki.py`` recomputes). Retired ids stay listed in
``RETIRED_MODELS`` so that nobody reuses them.

Model history
-------------
* ``1731536601`` "quiz (DL interview) v1": 17 fields, one card "Question". (current)

Deck ids
--------
The parent deck ``quiz`` has id ``PARENT_DECK_ID``; the deck of topic ``T`` is
``quiz::T`` with id ``deck_id(T) = DECK_ID_BASE + first 3 bytes of sha256(T)``. Anki
matches decks by name on import; the ids only have to be stable, and they are.

Note modification time
----------------------
The note type's own ``mod`` is the constant ``MODEL_MTIME``: an unchanged note type is
never "newer" than the one in the collection, so a user's edits to its styling survive a
re-import.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

MODEL_ID = 1731536601
MODEL_NAME = "quiz (DL interview) v1"
MODEL_FINGERPRINT = "2089f25950289e52"  # sha256 of FIELDS/FRONT/BACK/CSS, first 16 hex digits
MODEL_MTIME = 1731536601
RETIRED_MODELS: dict[int, str] = {}

PARENT_DECK = "quiz"
PARENT_DECK_ID = 1731536700
DECK_ID_BASE = 1731540000

FIELDS = (
    "Id",  # question id, the sort field
    "Lang",  # en | zh | both: which labels the template shows
    "Meta",  # topic, kind, difficulty chips
    "PromptEn",
    "PromptZh",
    "Choices",  # mcq, front: the lettered choices
    "Starter",  # code: the signature / starter to implement
    "Hints",  # up to three, folded
    "AnswerEn",
    "AnswerZh",
    "Key",  # mcq, back: the choices with the correct one marked and every choice's "why"
    "Value",  # numeric: value ± tolerance unit
    "Solution",  # code: the reference solution's source
    "ExplanationEn",
    "ExplanationZh",
    "Corrections",  # corrections of the seed notes
    "Sources",
)


# Labels carry both languages; the CSS shows those of the exported language(s) (class lang-*).
FRONT = """\
<div class="quiz lang-{{Lang}}">
<div class="meta">{{Meta}}</div>
<div class="prompt">\
{{#PromptEn}}<div class="en">{{PromptEn}}</div>{{/PromptEn}}\
{{#PromptZh}}<div class="zh" lang="zh-Hans">{{PromptZh}}</div>{{/PromptZh}}</div>
{{#Choices}}<div class="section">{{Choices}}</div>{{/Choices}}
{{#Starter}}<div class="section"><div class="label"><span class="l-en">Implement</span>\
<span class="l-zh">实现</span></div>{{Starter}}</div>{{/Starter}}
{{#Hints}}<details class="hints"><summary><span class="l-en">Hints</span><span class="l-zh">提示</span></summary>\
{{Hints}}</details>{{/Hints}}
</div>"""

BACK = """\
<div class="quiz lang-{{Lang}}">
<div class="meta">{{Meta}}</div>
<div class="prompt">\
{{#PromptEn}}<div class="en">{{PromptEn}}</div>{{/PromptEn}}\
{{#PromptZh}}<div class="zh" lang="zh-Hans">{{PromptZh}}</div>{{/PromptZh}}</div>
<hr id="answer">
{{#Key}}<div class="section">{{Key}}</div>{{/Key}}
{{#Value}}<div class="section"><div class="label"><span class="l-en">Answer</span><span class="l-zh">答案</span></div>\
{{Value}}</div>{{/Value}}
<div class="section answer"><div class="label"><span class="l-en">Answer</span><span class="l-zh">答案</span></div>\
{{#AnswerEn}}<div class="en">{{AnswerEn}}</div>{{/AnswerEn}}\
{{#AnswerZh}}<div class="zh" lang="zh-Hans">{{AnswerZh}}</div>{{/AnswerZh}}</div>
{{#Solution}}<div class="section"><div class="label"><span class="l-en">Reference solution</span>\
<span class="l-zh">参考实现</span></div>{{Solution}}</div>{{/Solution}}
<div class="section">\
{{#ExplanationEn}}<div class="label"><span class="l-en">Explanation</span><span class="l-zh">解析</span></div>\
<div class="en">{{ExplanationEn}}</div>{{/ExplanationEn}}\
{{^ExplanationEn}}{{#ExplanationZh}}<div class="label"><span class="l-en">Explanation</span>\
<span class="l-zh">解析</span></div>{{/ExplanationZh}}{{/ExplanationEn}}\
{{#ExplanationZh}}<div class="zh" lang="zh-Hans">{{ExplanationZh}}</div>{{/ExplanationZh}}</div>
{{#Corrections}}<div class="section"><div class="label"><span class="l-en">Corrections of the notes</span>\
<span class="l-zh">笔记勘误</span></div>{{Corrections}}</div>{{/Corrections}}
<div class="section sources"><div class="label"><span class="l-en">Sources</span><span class="l-zh">出处</span></div>\
{{Sources}}</div>
</div>"""

CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  font-size: 18px; line-height: 1.6; text-align: left;
  color: #1f2328; background: #ffffff;
  --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --accent: #0969da;
  --good: #1a7f37; --good-bg: rgba(46, 160, 67, 0.12); --bad: #cf222e;
}
.card.nightMode, .nightMode .card, .night_mode .card, .card.night_mode {
  color: #e6edf3; background: #0d1117;
  --muted: #9198a1; --line: #3d444d; --soft: #161b22; --accent: #4493f8;
  --good: #3fb950; --good-bg: rgba(46, 160, 67, 0.18); --bad: #f85149;
}
.quiz { max-width: 46em; margin: 0 auto; padding: 0.9em 0.8em 2em; overflow-wrap: anywhere; }
.meta { display: flex; flex-wrap: wrap; gap: 0.4em; font-size: 0.7em; color: var(--muted); margin-bottom: 0.8em; }
.chip { border: 1px solid var(--line); border-radius: 999px; padding: 0.05em 0.7em; white-space: nowrap; }
.chip.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.label { font-size: 0.72em; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase;
  color: var(--muted); margin: 1.3em 0 0.4em; }
.lang-en .l-zh, .lang-zh .l-en { display: none; }
.lang-both .l-zh::before { content: " · "; }
.lang-both .zh { margin-top: 0.7em; padding-left: 0.8em; border-left: 3px solid var(--line); }
.section { margin-top: 0.8em; }
.prompt > div > :first-child, .section > div > :first-child { margin-top: 0; }
p { margin: 0.5em 0; }
ul, ol { padding-left: 1.4em; margin: 0.4em 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.86em; background: var(--soft); border-radius: 4px; padding: 0.1em 0.35em; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 0.7em 0.9em;
  overflow-x: auto; font-size: 0.8em; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 1em; white-space: pre; }
table { border-collapse: collapse; display: block; overflow-x: auto; margin: 0.6em 0; }
th, td { border: 1px solid var(--line); padding: 0.25em 0.6em; }
th { background: var(--soft); }
mjx-container { overflow-x: auto; overflow-y: hidden; max-width: 100%; }
hr#answer { border: none; border-top: 1px solid var(--line); margin: 1.2em 0; }
.choices { list-style: none; padding: 0; margin: 0; }
.choices > li { display: flex; gap: 0.7em; border: 1px solid var(--line); border-radius: 8px;
  padding: 0.5em 0.8em; margin: 0.45em 0; }
.choices .letter { font-weight: 700; min-width: 1.1em; }
.choices .body { flex: 1; min-width: 0; }
.choices .body .zh { margin-top: 0.3em; }
.key > li.correct { border-color: var(--good); background: var(--good-bg); }
.key .mark { font-weight: 700; }
.key > li.correct .mark { color: var(--good); }
.key > li.wrong .mark { color: var(--bad); }
.why { font-size: 0.88em; color: var(--muted); margin-top: 0.3em; }
.value { font-size: 1.3em; font-weight: 700; }
.tol, .unit { color: var(--muted); }
details.hints { margin-top: 1em; }
details.hints summary { cursor: pointer; color: var(--accent); }
.hints ol { margin-top: 0.4em; }
.claim { color: var(--muted); font-size: 0.9em; }
.sources { font-size: 0.82em; color: var(--muted); }
.sources ul { padding-left: 1.1em; }
@media (max-width: 600px) {
  .card { font-size: 16px; }
  .quiz { padding: 0.5em 0.3em 1.5em; }
  pre { font-size: 0.76em; padding: 0.55em 0.6em; }
  .choices > li { padding: 0.45em 0.6em; }
}
"""

TEMPLATES = ({"name": "Question", "qfmt": FRONT, "afmt": BACK},)
# Which fields make a card: genanki's ``Model._req`` of the templates above (computed by rendering
# the front once per field, which takes milliseconds), frozen with them and checked by the tests.
CARD_REQUIREMENTS: tuple[tuple[int, str, tuple[int, ...]], ...] = ((0, "any", (1, 2, 3, 4, 5, 6, 7)),)


def fingerprint() -> str:
    """Hash of everything that must stay frozen for ``MODEL_ID``."""
    payload = json.dumps({"fields": FIELDS, "templates": TEMPLATES, "css": CSS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def deck_id(topic: str) -> int:
    return DECK_ID_BASE + int.from_bytes(hashlib.sha256(topic.encode()).digest()[:3], "big")


def deck_name(topic: str) -> str:
    return f"{PARENT_DECK}::{topic}"


def genanki_model(frozen: bool = True) -> Any:
    """The note type for genanki; ``frozen=False`` lets genanki compute ``CARD_REQUIREMENTS`` itself."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": f} for f in FIELDS],
        templates=[dict(t) for t in TEMPLATES],
        css=CSS,
        sort_field_index=0,
    )
    if frozen:
        model._req = [[ord_, how, list(fields)] for ord_, how, fields in CARD_REQUIREMENTS]
    return model

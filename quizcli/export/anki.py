"""``quiz export anki``: the bank as an Anki package (.apkg) that re-imports as updates.

Layout
------
* One note per question, of the frozen note type ``anki_model.MODEL_NAME`` (id
  ``anki_model.MODEL_ID``), one card each. Front: topic/kind/difficulty chips, the prompt,
  the lettered choices (mcq) or the function to implement (code), folded hints. Back: the
  prompt again, then the choices with the correct one marked and why each is right or wrong
  (mcq), the value ± tolerance (numeric), the answer, the reference solution's source
  (code), the explanation, corrections of the seed notes and the sources. The CSS in the
  note type adapts to phones and to Anki's night mode.
* Decks: ``quiz::<topic>`` under the parent deck ``quiz``. Tags: ``quiz::topic::<topic>``,
  ``kind::<kind>``, ``difficulty::<1-3>`` and ``quiz::tag::<tag>`` for the bank's tags.
* Markdown is rendered to HTML, raw HTML in the bank is escaped, math is put between
  MathJax delimiters (``\\(...\\)``, ``\\[...\\]``): see :mod:`.markup`.

``--lang``
----------
``en`` or ``zh``: only that language's text is in the notes (the other language's fields
are empty) and the template's labels follow it. ``both`` (the default): both languages
stacked, English first, the Chinese below it set off by a rule at the left; each mcq
choice shows both. Switching ``--lang`` and re-importing updates the notes.

Updates
-------
The note GUID is derived from the question id (``genanki.guid_for("quiz", id)``), so a
re-export matches the notes already in Anki. Anki replaces a note only when the incoming
one is newer, in whole seconds, so every note's modification time is kept in
``<cache>/anki-mtimes.json`` (guid -> content hash, mtime): unchanged notes keep their old
time (edits you made in Anki win), changed ones get ``max(now, old + 1)``. The note type is
frozen (see :mod:`.anki_model`): a changed note type would make Anki import copies.

Writing
-------
The package is built in memory and written to a temporary file in the target directory,
then renamed over the target (atomic). A target whose name does not end in ``.apkg``, or an
existing file that is not an Anki package, is refused, as is a directory; an unwritable
place is one sentence (exit 2). ``--with-progress``: see :mod:`.anki_progress`.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
import time
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bank.loader import Bank
from ..errors import ExportError
from ..paths import Paths
from . import anki_model, markup
from .anki_fields import LANGS, Sources, note_fields, tags

MTIMES_FILE = "anki-mtimes.json"
HTML_FILE = "anki-html.json"
PACKAGE_NAMES = ("collection.anki2", "collection.anki21", "collection.anki21b")


@dataclass
class ExportResult:
    path: Path
    notes: int
    decks: int


def note_guid(question_id: str) -> str:
    import genanki

    return str(genanki.guid_for("quiz", question_id))


# --- target checks and the atomic write ---------------------------------------------------


def is_apkg(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return any(name in z.namelist() for name in PACKAGE_NAMES)
    except (OSError, zipfile.BadZipFile):
        return False


def check_target(out: Path) -> None:
    if out.suffix.lower() != ".apkg":
        raise ExportError(f"{out}: an Anki package's name must end in .apkg (for example quiz.apkg)")
    if out.is_dir():
        raise ExportError(f"{out} is a directory; give a file name ending in .apkg")
    if (out.exists() or out.is_symlink()) and not is_apkg(out):
        raise ExportError(f"{out} exists and is not an Anki package; not overwriting it")
    parent = out.parent
    if not parent.is_dir():
        raise ExportError(f"cannot write {out}: the directory {parent} does not exist")


def _mode_for(out: Path) -> int:
    try:
        return out.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(out: Path, members: dict[str, bytes]) -> None:
    """Zip ``members`` into a temporary file next to ``out``, then rename it over ``out``."""
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"cannot write {out} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
                for name, data in members.items():
                    z.writestr(name, data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(out))
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"cannot write {out} ({exc.strerror or exc})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- modification times -----------------------------------------------------------------------


class MtimeBook:
    """guid -> (content hash, mtime) of every exported note, in the cache directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, list[Any]] = {}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") == 1 and isinstance(raw.get("notes"), dict):
                self.entries = {
                    k: v
                    for k, v in raw["notes"].items()
                    if isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], int)
                }
        except (OSError, ValueError, AttributeError):
            pass

    def mtime(self, guid: str, digest: str, now: int) -> int:
        old = self.entries.get(guid)
        if old and old[0] == digest:
            return int(old[1])
        new = now if not old else max(now, int(old[1]) + 1)
        self.entries[guid] = [digest, new]
        return new

    def save(self) -> None:
        """Best effort: without it, the next export stamps every note with the current time."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".anki-mtimes-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": 1, "notes": self.entries}, fh, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            pass


def content_hash(deck: str, fields: list[str], note_tags: list[str]) -> str:
    h = hashlib.blake2b(digest_size=12)
    for part in (str(anki_model.MODEL_ID), deck, " ".join(note_tags), *fields):
        h.update(part.encode())
        h.update(b"\x1f")
    return h.hexdigest()


# --- the package ---------------------------------------------------------------------------------


def _deck_description(topic: str | None) -> str:
    what = f"the <b>{markup.text(topic)}</b> questions" if topic else "questions"
    return (
        f"Deep-learning / ML interview {what} from <code>quiz</code>. "
        "Re-export with <code>quiz export anki</code> and import again to update them."
    )


def _fix_collection(conn: sqlite3.Connection, now: float, mtimes: dict[str, int]) -> None:
    from .anki_progress import collection_crt

    ids = dict(conn.execute("SELECT guid, id FROM notes"))
    conn.executemany("UPDATE notes SET mod = ? WHERE id = ?", [(m, ids[g]) for g, m in mtimes.items()])
    crt = collection_crt(now)
    models_json, conf_json = conn.execute("SELECT models, conf FROM col").fetchone()
    models = json.loads(models_json)
    for mid, model in models.items():
        if int(mid) == anki_model.MODEL_ID:
            model["mod"] = anki_model.MODEL_MTIME
    conf = json.loads(conf_json)
    conf["schedVer"] = 2
    conf["curModel"] = str(anki_model.MODEL_ID)
    conn.execute("UPDATE col SET crt = ?, models = ?, conf = ?", (crt, json.dumps(models), json.dumps(conf)))


def export_anki(
    *, paths: Paths, bank: Bank, out: Path, topic: str | None, lang: str, with_progress: bool
) -> ExportResult:
    """Write the bank (or one topic) as an Anki package at ``out``."""
    if lang not in LANGS:
        raise ExportError(f"unknown language {lang!r}; use en, zh or both")
    out = Path(out)
    check_target(out)
    questions = bank.select(topic=topic)
    if not questions:
        raise ExportError(f"there are no questions to export{f' in topic {topic!r}' if topic else ''}")
    now = time.time()

    import genanki

    model = anki_model.genanki_model()
    memo = markup.Memo(paths.cache / HTML_FILE)
    sources = Sources(memo)
    book = MtimeBook(paths.cache / MTIMES_FILE)
    decks: dict[str, Any] = {}
    stamps: dict[str, int] = {}
    guids: dict[str, str] = {}
    for position, q in enumerate(questions):
        fields = note_fields(q, lang, sources, memo)
        note_tags = tags(q)
        guid = note_guid(q.id)
        guids[q.id] = guid
        name = anki_model.deck_name(q.topic)
        stamps[guid] = book.mtime(guid, content_hash(name, fields, note_tags), int(now))
        deck = decks.get(q.topic)
        if deck is None:
            deck = decks[q.topic] = genanki.Deck(anki_model.deck_id(q.topic), name, _deck_description(q.topic))
        deck.add_note(genanki.Note(model=model, fields=fields, tags=note_tags, guid=guid, due=position))
    parent = genanki.Deck(anki_model.PARENT_DECK_ID, anki_model.PARENT_DECK, _deck_description(None))
    package = genanki.Package([parent, *(decks[t] for t in sorted(decks))])

    conn = sqlite3.connect(":memory:")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an unescaped tag would be a bug: fail loudly, not print
            package.write_to_db(conn.cursor(), now, itertools.count(int(now * 1000)))
        _fix_collection(conn, now, stamps)
        if with_progress:
            from .anki_progress import apply_progress

            rows = conn.execute("SELECT n.guid, c.id FROM cards c JOIN notes n ON n.id = c.nid").fetchall()
            by_guid = dict(rows)
            apply_progress(conn, paths, {qid: by_guid[g] for qid, g in guids.items()}, now)
        conn.commit()
        data = conn.serialize()
    finally:
        conn.close()
    write_atomic(out, {"collection.anki2": data, "media": b"{}"})
    book.save()
    memo.save()
    return ExportResult(path=out, notes=len(questions), decks=len(decks))

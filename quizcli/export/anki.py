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

Speed
-----
A note is made from its question alone, so whole notes are memoised in
``<cache>/anki-notes.marshal``, keyed by the question's content (every field but where it
was defined, as marshal bytes), ``--lang`` and, for code questions, the hash of the reference
module. An entry holds what the note's rows need: GUID, tags, fields, sort field, card ords
and the content hash of the modification times. The whole file is for one combination of
``anki_fields.NOTE_VERSION``, ``markup.RENDER_VERSION``, ``anki_model.MODEL_ID`` and the
installed genanki (:func:`genanki_stamp`); it also keeps what the collection takes from
genanki (schema, ``col`` row, deck and note-type JSON). So a warm export imports neither
genanki nor markdown-it; the notes of changed questions are made again from the rendered
fragments memoised in ``<cache>/anki-html.marshal`` (read only then), and genanki's check for
invalid HTML tags runs on them. Notes and cards are written with two ``executemany``, row for
row what genanki's ``Package.write_to_db`` would write (``tests/test_export_anki.py``: a warm
export's collection is byte for byte the cold one's).

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
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bank.loader import Bank
from ..errors import ExportError
from ..models import Question
from ..paths import Paths
from . import anki_model, markup
from .anki_fields import LANGS, NOTE_VERSION, Sources, note_fields, note_source, tags

MTIMES_FILE = "anki-mtimes.json"
NOTES_FILE = "anki-notes.marshal"
HTML_FILE = "anki-html.marshal"
STALE_FILES = ("anki-html.json",)  # memos of earlier versions, removed on export
NOTE_ENTRIES = 1_500  # old notes kept in the memo (the bank in each --lang, and some edits)
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
        self.changed = False
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
        self.changed = True
        return new

    def save(self) -> None:
        """Best effort: without it, the next export stamps every note with the current time."""
        if not self.changed:
            return
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


# --- the notes ----------------------------------------------------------------------------------

# A note as the memo keeps it, what its rows need: [GUID, tags (" a b "), the fields joined by
# "\x1f", the sort field, the ords of its cards' templates, the content hash (see MtimeBook)]
Entry = list[Any]


def _valid_entry(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 6
        and all(isinstance(value[i], str) for i in (0, 1, 2, 3, 5))
        and isinstance(value[4], list)
        and all(isinstance(o, int) for o in value[4])
    )


def genanki_stamp() -> str:
    """Where genanki is installed and the size and time of each of its files, without importing it.

    Everything the export memoises from genanki (GUIDs, card ords, its SQL and JSON) is valid
    for this stamp only.
    """
    import importlib.util

    spec = importlib.util.find_spec("genanki")
    if spec is None or not spec.submodule_search_locations:
        return ""  # not installed: making a note will say so
    folder = spec.submodule_search_locations[0]
    try:
        with os.scandir(folder) as it:
            files = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in it if e.name.endswith(".py"))
    except OSError:  # not a plain folder (a zip?): memoise nothing from it
        return f"{folder} {time.time()}"
    return f"{folder} {files}"


def _genanki_parts() -> list[Any]:
    """What the collection takes from genanki: its schema, its ``col`` row, a deck's JSON, our note type's JSON."""
    import genanki
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    return [APKG_SCHEMA, APKG_COL, genanki.Deck(0, "", "").to_json(), anki_model.genanki_model().to_json(0, 0)]


def _valid_parts(value: Any) -> bool:
    return isinstance(value, list) and [type(v) for v in value] == [str, str, dict, dict]


class Notes:
    """Each question's note, memoised whole by everything it is made from (see "Speed" above)."""

    def __init__(self, cache: Path, lang: str) -> None:
        self.cache = cache
        self.lang = lang
        versions = (NOTE_VERSION, markup.RENDER_VERSION, anki_model.MODEL_ID, genanki_stamp())
        self.memo = markup.Memo(cache / NOTES_FILE, version=versions, max_entries=NOTE_ENTRIES)
        self.html = markup.Memo(cache / HTML_FILE)  # rendered fragments, read when a note is made
        self.sources = Sources(self.html, error=ExportError)

    def get(self, q: Question) -> Entry:
        entry: Entry = self.memo.get(
            self.lang, note_source(q, self.lang, self.sources), lambda: self._make(q), _valid_entry
        )
        return entry

    def genanki_parts(self) -> list[Any]:
        """:func:`_genanki_parts`, memoised with the notes (so genanki is imported only to make a note)."""
        parts: list[Any] = self.memo.get("genanki", "", _genanki_parts, _valid_parts)
        return parts

    def _make(self, q: Question) -> Entry:
        import genanki

        fields = note_fields(q, self.lang, self.sources, self.html)
        for value in fields:  # genanki's check, as an error: an unescaped tag would be a bug
            invalid = genanki.Note._INVALID_HTML_TAG_RE.findall(value)
            if invalid:
                raise RuntimeError(f"{q.id}: a field contains invalid HTML tags: {' '.join(invalid)}")
        note_tags = tags(q)
        for tag in note_tags:
            if " " in tag:
                raise ValueError(f"{q.id}: the tag {tag!r} contains a space")
        ords = [
            ord_
            for ord_, how, required in anki_model.CARD_REQUIREMENTS
            if (any if how == "any" else all)(fields[i] for i in required)
        ]
        digest = content_hash(anki_model.deck_name(q.topic), fields, note_tags)
        return [note_guid(q.id), " " + " ".join(note_tags) + " ", "\x1f".join(fields), fields[0], ords, digest]

    def save(self) -> None:
        self.memo.save()
        self.html.save()
        if self.memo.computed:
            for name in STALE_FILES:
                with contextlib.suppress(OSError):
                    (self.cache / name).unlink(missing_ok=True)


# --- the package ---------------------------------------------------------------------------------


def _deck_description(topic: str | None) -> str:
    what = f"the <b>{markup.text(topic)}</b> questions" if topic else "questions"
    return (
        f"Deep-learning / ML interview {what} from <code>quiz</code>. "
        "Re-export with <code>quiz export anki</code> and import again to update them."
    )


def _write_collection(
    conn: sqlite3.Connection, notes: list[tuple[int, str, Entry, int]], genanki_parts: list[Any], now: float
) -> None:
    """The collection genanki's ``Package.write_to_db`` writes, with the notes and cards in two ``executemany``.

    ``notes``: (position in the bank, topic, entry, modification time), in bank order;
    ``genanki_parts``: see :func:`_genanki_parts`. The schema and ``col`` row are genanki's, the
    decks and the note type its JSON as its decks leave it (the note type written last, by the
    last deck), with our note type's ``mod``, ``crt`` and ``conf``. Note and card ids come from
    one counter in genanki's order (decks by name, notes in bank order, each note's id then its
    cards'), and the rows hold what ``genanki.Note.write_to_db`` puts in them, the note's
    ``mod`` being its modification time.
    """
    from .anki_progress import collection_crt

    schema, col, deck_json, model_json = genanki_parts
    by_topic: dict[str, list[tuple[int, str, Entry, int]]] = {}
    for note in notes:
        by_topic.setdefault(note[1], []).append(note)
    topics = sorted(by_topic)
    conn.executescript(schema)
    conn.executescript(col)
    decks_json, models_json, conf_json = conn.execute("SELECT decks, models, conf FROM col").fetchone()
    decks = json.loads(decks_json)
    for did, name, topic in [
        (anki_model.PARENT_DECK_ID, anki_model.PARENT_DECK, None),
        *((anki_model.deck_id(t), anki_model.deck_name(t), t) for t in topics),
    ]:
        decks[str(did)] = {**deck_json, "id": did, "name": name, "desc": _deck_description(topic)}
    models = json.loads(models_json)
    models[str(anki_model.MODEL_ID)] = {
        **model_json,
        "did": anki_model.deck_id(topics[-1]),
        "mod": anki_model.MODEL_MTIME,
    }
    conf = json.loads(conf_json)
    conf["schedVer"] = 2
    conf["curModel"] = str(anki_model.MODEL_ID)
    conn.execute(
        "UPDATE col SET crt = ?, decks = ?, models = ?, conf = ?",
        (collection_crt(now), json.dumps(decks), json.dumps(models), json.dumps(conf)),
    )

    ids = itertools.count(int(now * 1000))
    note_rows: list[tuple[Any, ...]] = []
    card_rows: list[tuple[Any, ...]] = []
    for topic in topics:
        did = anki_model.deck_id(topic)
        for position, _, (guid, note_tags, fields, sort_field, ords, _), mtime in by_topic[topic]:
            nid = next(ids)
            note_rows.append((nid, guid, anki_model.MODEL_ID, mtime, -1, note_tags, fields, sort_field, 0, 0, ""))
            for ord_ in ords:
                card_rows.append((next(ids), nid, did, ord_, int(now), -1, 0, 0, position, 0, 0, 0, 0, 0, 0, 0, 0, ""))
    conn.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    conn.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)


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

    made = Notes(paths.cache, lang)
    book = MtimeBook(paths.cache / MTIMES_FILE)
    notes = []
    guids: dict[str, str] = {}
    for position, q in enumerate(questions):
        entry = made.get(q)
        guids[q.id] = guid = entry[0]
        notes.append((position, q.topic, entry, book.mtime(guid, entry[5], int(now))))

    conn = sqlite3.connect(":memory:")
    try:
        _write_collection(conn, notes, made.genanki_parts(), now)
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
    made.save()
    return ExportResult(path=out, notes=len(questions), decks=len({q.topic for q in questions}))

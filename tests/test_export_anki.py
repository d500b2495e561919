"""`quiz export anki`: packages imported into a real Anki collection (the `anki` package).

Covers: note count, fields in both languages, tags and decks as designed; re-export after an
edit updates that note and adds none; --lang; --with-progress carries FSRS scheduling, the
memory state and the review log; the frozen note type; refusals through the real CLI; the
memoised notes (a warm export writes the cold one's collection, an edit remakes its note only,
and a warm export imports neither genanki nor markdown-it).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from conftest import quiz_command, source_env
from quizcli.bank.loader import Bank, load_bank
from quizcli.config import Config
from quizcli.errors import ExportError
from quizcli.export import anki, anki_model, markup
from quizcli.export.anki import MTIMES_FILE, export_anki, note_guid
from quizcli.export.anki_fields import Sources, note_source
from quizcli.paths import Paths
from quizcli.progress import record
from quizcli.scheduler import Rating
from quizcli.store import Store

FIELD_INDEX = {name: i for i, name in enumerate(anki_model.FIELDS)}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    home = tmp_path_factory.mktemp("bankhome")
    return load_bank(Paths.from_env({"QUIZ_HOME": str(home)}))


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    home = tmp_path / "home"
    home.mkdir()
    return Paths.from_env({"QUIZ_HOME": str(home)})


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, path: Path, with_scheduling: bool = False) -> object:
    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=with_scheduling)
    )
    return col.import_anki_package(request).log


def note_of(col: Collection, qid: str) -> object:
    ids = col.find_notes(f'"Id:{qid}"')
    assert len(ids) == 1, f"{qid}: {len(ids)} notes"
    return col.get_note(ids[0])


def field(note: object, name: str) -> str:
    return note.fields[FIELD_INDEX[name]]  # type: ignore[attr-defined]


def small_bank(bank: Bank, topic: str = "normalization") -> Bank:
    return Bank({qid: q for qid, q in bank.questions.items() if q.topic == topic})


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(source_env(), QUIZ_HOME=str(home), NO_COLOR="1")
    env.pop("QUIZ_BANK", None)
    return subprocess.run(
        [*quiz_command(), *args], capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL
    )


# --- the whole bank, through the real CLI -----------------------------------------------------


def test_whole_bank_imports_with_fields_tags_and_decks(tmp_path: Path, collection: Collection, bank: Bank) -> None:
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "quiz.apkg"
    done = run_cli("export", "anki", "-o", str(out), home=home)
    assert done.returncode == 0, done.stderr
    listed = json.loads(run_cli("list", "--json", home=home).stdout)
    n = len(listed)
    assert f"{n} notes" in done.stdout

    log = import_package(collection, out)
    assert len(log.new) == n and not log.updated and not log.conflicting  # type: ignore[attr-defined]
    assert collection.note_count() == n and collection.card_count() == n

    topics = sorted({q["topic"] for q in listed})
    names = {d.name for d in collection.decks.all_names_and_ids()}
    assert {"quiz", *(f"quiz::{t}" for t in topics)} <= names
    for t in topics:
        assert len(collection.find_notes(f'"deck:quiz::{t}"')) == sum(q["topic"] == t for q in listed)
    model = collection.models.by_name(anki_model.MODEL_NAME)
    assert model is not None and model["id"] == anki_model.MODEL_ID
    assert tuple(f["name"] for f in model["flds"]) == anki_model.FIELDS
    assert [t["name"] for t in model["tmpls"]] == ["Question"]

    by_kind = {}
    for q in listed:
        by_kind.setdefault(q["kind"], q)
    assert set(by_kind) == {"open", "mcq", "numeric", "code"}
    for kind, q in by_kind.items():
        note = note_of(collection, q["id"])
        assert note.guid == note_guid(q["id"])  # type: ignore[attr-defined]
        assert set(note.tags) >= {  # type: ignore[attr-defined]
            f"quiz::topic::{q['topic']}",
            f"kind::{kind}",
            f"difficulty::{q['difficulty']}",
        }
        card = note.cards()[0]  # type: ignore[attr-defined]
        assert collection.decks.name(card.did) == f"quiz::{q['topic']}"
        assert field(note, "PromptEn") and field(note, "PromptZh") and field(note, "AnswerEn") and field(note, "AnswerZh")
        assert field(note, "Lang") == "both"
        if kind == "mcq":
            key = field(note, "Key")
            assert key.count('class="correct"') == 1
            correct = q["answer"]["correct"]
            assert f'<li class="correct"><span class="letter"><span class="mark">✓</span> {correct}</span>' in key
            assert "✓" not in field(note, "Choices") and "correct" not in field(note, "Choices")
        if kind == "numeric":
            assert field(note, "Value") and "class=\"value\"" in field(note, "Value")
        if kind == "code":
            solution = field(note, "Solution")
            assert solution.startswith('<pre><code class="language-python">def ' + q["function"] + "(")
            assert "<" not in solution.removeprefix('<pre><code class="language-python">').removesuffix("</code></pre>")
            assert field(note, "Starter").startswith("<pre><code")
        # the rendered card shows both languages
        html = card.answer()
        assert 'lang="zh-Hans"' in html and 'class="en"' in html


def test_text_is_bilingual_escaped_and_math_for_mathjax(tmp_path: Path, paths: Paths, collection: Collection,
                                                         bank: Bank) -> None:
    out = tmp_path / "n.apkg"
    export_anki(paths=paths, bank=small_bank(bank), out=out, topic=None, lang="both", with_progress=False)
    import_package(collection, out)
    note = note_of(collection, "normalization.batchnorm-forward")
    q = bank.get("normalization.batchnorm-forward")
    assert "<strong>training mode</strong>" in field(note, "PromptEn")
    assert "<strong>训练模式</strong>" in field(note, "PromptZh")
    assert r"\(\mu_j\)" in field(note, "PromptEn") and "$" not in field(note, "PromptEn")
    assert "<code>np.var(..., ddof=0)</code>" in field(note, "PromptEn")
    assert "def batchnorm_forward(x, gamma, beta, eps=1e-5):" in field(note, "Solution")
    assert "def _normalize(" in field(note, "Solution")  # the private helper it calls
    assert field(note, "Starter").count("raise NotImplementedError") == 1
    for s in q.sources:
        if "ref" in s:
            assert markup.text(s["ref"]) in field(note, "Sources")


def test_markup_rules() -> None:
    html = markup.markdown("a <b>x</b> $a_1 < b_2$ `$HOME` costs $5 and $10\n\n$$\\frac{a}{b}$$")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert r"\(a_1 &lt; b_2\)" in html
    assert "<code>$HOME</code>" in html and "$5 and $10" in html
    assert r"\[\frac{a}{b}\]" in html
    assert "<em>" not in markup.markdown("$x_i * y_i * z$")
    fence = markup.markdown("```python\nprint('$a$' < 1)\n```")
    assert "$a$" in fence and "&lt;" in fence
    assert markup.markdown("| a | $|x|$ |\n|---|---|\n| 1 | 2 |").count("<td>") == 2
    assert 'href="javascript' not in markup.markdown("[x](javascript:alert(1))")
    assert markup.markdown("with $d = $ pred $-$ target", inline=True) == r"with \(d =\) pred \(-\) target"
    assert markup.text_math("claim: $a<b$ <i>") == r"claim: \(a&lt;b\) &lt;i&gt;"


# --- updates -------------------------------------------------------------------------------------


def test_reexport_after_edit_updates_that_note_only(tmp_path: Path, paths: Paths, collection: Collection,
                                                     bank: Bank) -> None:
    before = small_bank(bank)
    qid = "normalization.batchnorm-forward"
    out = tmp_path / "n.apkg"
    export_anki(paths=paths, bank=before, out=out, topic=None, lang="both", with_progress=False)
    log = import_package(collection, out)
    assert len(log.new) == len(before.questions)  # type: ignore[attr-defined]

    edited = dataclasses.replace(
        before.questions[qid], answer={"en": "An **edited** answer.", "zh": "修改后的**答案**。"}
    )
    after = Bank({**before.questions, qid: edited})
    # immediately, within the same second: the new mtime must still be strictly newer
    export_anki(paths=paths, bank=after, out=out, topic=None, lang="both", with_progress=False)
    log = import_package(collection, out)
    assert len(log.new) == 0 and len(log.conflicting) == 0  # type: ignore[attr-defined]
    assert len(log.updated) == 1  # type: ignore[attr-defined]
    assert collection.note_count() == len(before.questions)
    note = note_of(collection, qid)
    assert field(note, "AnswerEn") == "<p>An <strong>edited</strong> answer.</p>"
    assert field(note, "AnswerZh") == "<p>修改后的<strong>答案</strong>。</p>"
    mtimes = json.loads((paths.cache / MTIMES_FILE).read_text())["notes"]
    assert note.mod == mtimes[note_guid(qid)][1]  # type: ignore[attr-defined]

    # unchanged bank: nothing updated, nothing added
    export_anki(paths=paths, bank=after, out=out, topic=None, lang="both", with_progress=False)
    log = import_package(collection, out)
    assert not log.new and not log.updated  # type: ignore[attr-defined]
    assert len(log.duplicate) == len(before.questions)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_language(tmp_path: Path, paths: Paths, collection: Collection, bank: Bank, lang: str) -> None:
    out = tmp_path / "n.apkg"
    export_anki(paths=paths, bank=small_bank(bank), out=out, topic=None, lang=lang, with_progress=False)
    import_package(collection, out)
    other = "Zh" if lang == "en" else "En"
    for nid in collection.find_notes(""):
        note = collection.get_note(nid)
        assert field(note, "Lang") == lang
        assert field(note, "Prompt" + lang.capitalize()) and not field(note, "Prompt" + other)
        assert not field(note, "Answer" + other) and not field(note, "Explanation" + other)
        assert f'class="{other.lower()}"' not in field(note, "Choices") + field(note, "Hints")


def test_topic_only(tmp_path: Path, paths: Paths, collection: Collection, bank: Bank) -> None:
    out = tmp_path / "t.apkg"
    result = export_anki(paths=paths, bank=bank, out=out, topic="losses", lang="both", with_progress=False)
    assert result.decks == 1 and result.notes == len(bank.select(topic="losses"))
    import_package(collection, out)
    assert collection.note_count() == result.notes
    assert len(collection.find_notes('"deck:quiz::losses"')) == result.notes


def test_note_type_is_frozen() -> None:
    """Fields, templates and CSS change only together with a new MODEL_ID (see anki_model)."""
    assert anki_model.fingerprint() == anki_model.MODEL_FINGERPRINT, (
        "the Anki note type changed: give it a new MODEL_ID and MODEL_FINGERPRINT, move the old id to"
        " RETIRED_MODELS and document it in anki_model's model history"
    )
    assert anki_model.MODEL_ID not in anki_model.RETIRED_MODELS
    assert anki_model.MODEL_FINGERPRINT not in anki_model.RETIRED_MODELS.values()
    assert f"``{anki_model.MODEL_ID}``" in (anki_model.__doc__ or "")


def test_card_requirements_are_genankis() -> None:
    """CARD_REQUIREMENTS is what genanki computes from the frozen templates (it is frozen with them)."""
    computed = anki_model.genanki_model(frozen=False)._req
    assert computed == [[o, how, list(fields)] for o, how, fields in anki_model.CARD_REQUIREMENTS]


# --- memoised notes ---------------------------------------------------------------------------------

USER_MCQ = """\
questions:
  - id: math.my-own-choice
    kind: mcq
    topic: math
    tags: [mine]
    difficulty: 1
    prompt: {en: "Which is **even**?", zh: "哪个是**偶数**？"}
    choices:
      - {en: "$3$", zh: "$3$", why: {en: "WHY-A", zh: "理由甲"}}
      - {en: "$4$", zh: "$4$", why: {en: "Divisible by $2$.", zh: "能被 $2$ 整除。"}}
    correct: b
    answer: {en: "(b) $4$", zh: "(b) $4$"}
    sources: [{ref: "arithmetic"}]
"""


def collection_bytes(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("collection.anki2")


def notes_by_guid(path: Path) -> dict[str, tuple[object, ...]]:
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(collection_bytes(path))
        return {row[0]: row for row in conn.execute("SELECT guid, mod, tags, flds, sfld FROM notes")}
    finally:
        conn.close()


def test_warm_export_writes_the_cold_ones_collection(tmp_path: Path, paths: Paths,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Same clock: the collection of a warm export (every note from the memo) is byte for byte the cold one's."""
    monkeypatch.setattr(anki.time, "time", lambda: 1_795_000_000.25)
    parsed = load_bank(paths)  # a fresh home: parsed from YAML
    cold = tmp_path / "cold.apkg"
    export_anki(paths=paths, bank=parsed, out=cold, topic=None, lang="both", with_progress=False)
    cached = load_bank(paths)
    assert cached.json_fragments is not None  # this time from the bank's cache: the memo's keys must still match

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm export made a note")

    monkeypatch.setattr(anki, "note_fields", must_not_run)
    monkeypatch.setattr(markup, "markdown", must_not_run)
    warm = tmp_path / "warm.apkg"
    export_anki(paths=paths, bank=cached, out=warm, topic=None, lang="both", with_progress=False)
    assert collection_bytes(warm) == collection_bytes(cold)
    notes = notes_by_guid(warm)
    assert len(notes) == len(cached.questions)
    assert notes == notes_by_guid(cold)  # fields, GUIDs, mods


def test_editing_a_question_remakes_its_note_only(tmp_path: Path, paths: Paths,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    paths.user_bank.mkdir(parents=True)
    mine = paths.user_bank / "mine.yaml"
    mine.write_text(USER_MCQ, encoding="utf-8")
    out = tmp_path / "m.apkg"
    export_anki(paths=paths, bank=load_bank(paths), out=out, topic="math", lang="both", with_progress=False)
    before = notes_by_guid(out)
    guid = note_guid("math.my-own-choice")
    assert "WHY-A" in before[guid][3]  # type: ignore[operator]

    made: list[str] = []
    note_fields = anki.note_fields
    monkeypatch.setattr(anki, "note_fields", lambda q, *args: made.append(q.id) or note_fields(q, *args))
    # a choice's "why": not part of `quiz list --json`, still part of the note
    mine.write_text(USER_MCQ.replace("WHY-A", "WHY-EDITED"), encoding="utf-8")
    export_anki(paths=paths, bank=load_bank(paths), out=out, topic="math", lang="both", with_progress=False)
    after = notes_by_guid(out)
    assert made == ["math.my-own-choice"]
    assert "WHY-EDITED" in after[guid][3] and "WHY-A" not in after[guid][3]  # type: ignore[operator]
    assert after[guid][1] > before[guid][1]  # type: ignore[operator]  # newer, so Anki takes it
    assert {g: n for g, n in after.items() if g != guid} == {g: n for g, n in before.items() if g != guid}

    made.clear()
    export_anki(paths=paths, bank=load_bank(paths), out=out, topic="math", lang="en", with_progress=False)
    assert len(made) == len(after)  # another --lang is another note
    assert all("理由" not in n[3] for n in notes_by_guid(out).values())  # type: ignore[operator]


def test_note_source_follows_the_reference_module(tmp_path: Path, bank: Bank) -> None:
    q = bank.get("normalization.batchnorm-forward")
    assert q.reference
    module = tmp_path / (q.reference.partition(":")[0].split(".", 1)[1] + ".py")
    module.write_text("def batchnorm_forward(x, gamma, beta, eps=1e-5):\n    return x\n", encoding="utf-8")
    first = note_source(q, "both", Sources(root=tmp_path))
    assert note_source(q, "both", Sources(root=tmp_path)) == first
    assert note_source(q, "en", Sources(root=tmp_path)) != first
    module.write_text("def batchnorm_forward(x, gamma, beta, eps=1e-5):\n    return x + 0\n", encoding="utf-8")
    assert note_source(q, "both", Sources(root=tmp_path)) != first


def test_warm_export_imports_neither_genanki_nor_markdown_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "quiz.apkg"
    assert run_cli("export", "anki", "-o", str(out), home=home).returncode == 0
    code = (
        "import sys\nfrom quizcli.cli import main\n"
        f"sys.argv = ['quiz', 'export', 'anki', '-o', {str(out)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(sorted(m for m in ('genanki', 'markdown_it', 'yaml') if m in sys.modules))\n"
    )
    env = dict(source_env(), QUIZ_HOME=str(home), NO_COLOR="1")
    env.pop("QUIZ_BANK", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


# --- progress --------------------------------------------------------------------------------------


def test_with_progress_carries_scheduling_and_review_log(tmp_path: Path, paths: Paths, collection: Collection,
                                                          bank: Bank) -> None:
    small = small_bank(bank)
    review_q, learn_q, suspended_q, *_ = sorted(small.questions.values(), key=lambda q: q.id)
    config = Config(fuzz=False)
    now = datetime.now(tz=UTC)
    with Store.open(paths.db) as store:
        assert store is not None
        record(store, review_q, Rating.good, now - timedelta(days=20), config)
        record(store, review_q, Rating.good, now - timedelta(days=20, minutes=-11), config)
        reviewed = record(store, review_q, Rating.good, now - timedelta(days=3), config)
        learning = record(store, learn_q, Rating.again, now - timedelta(seconds=30), config)
        record(store, suspended_q, Rating.easy, now - timedelta(days=1), config)
        store.set_suspended(suspended_q.id)
    assert reviewed.state == 2 and learning.state == 1

    out = tmp_path / "p.apkg"
    export_anki(paths=paths, bank=small, out=out, topic=None, lang="both", with_progress=True)
    import_package(collection, out, with_scheduling=True)
    assert collection.note_count() == len(small.questions)

    card = note_of(collection, review_q.id).cards()[0]  # type: ignore[attr-defined]
    assert (card.type, card.queue) == (2, 2)
    assert reviewed.due is not None and reviewed.last_review is not None
    days_left = round((reviewed.due - now.timestamp()) / 86400)
    assert abs(card.due - collection.sched.today - days_left) <= 1
    assert abs(card.ivl - round((reviewed.due - reviewed.last_review) / 86400)) <= 1
    assert card.reps == 3 and card.lapses == 0
    assert card.memory_state is not None
    assert card.memory_state.stability == pytest.approx(reviewed.stability, rel=1e-3)
    assert card.memory_state.difficulty == pytest.approx(reviewed.difficulty, rel=1e-3)
    revlog = collection.db.all(f"SELECT ease, type FROM revlog WHERE cid = {card.id} ORDER BY id")
    assert revlog == [[3, 0], [3, 0], [3, 1]]

    card = note_of(collection, learn_q.id).cards()[0]  # type: ignore[attr-defined]
    assert card.type == 1 and card.left % 1000 == 2
    assert learning.due is not None
    if card.queue == 1:  # due in seconds; queue 3 (a day number) only if the step crosses the day rollover
        assert card.due == int(learning.due)
    else:
        assert card.queue == 3

    card = note_of(collection, suspended_q.id).cards()[0]  # type: ignore[attr-defined]
    assert card.queue == -1 and card.type != 0

    others = [q.id for q in small.questions.values() if q.id not in {review_q.id, learn_q.id, suspended_q.id}]
    for qid in others:
        assert note_of(collection, qid).cards()[0].type == 0  # type: ignore[attr-defined]
    assert len(collection.find_cards("is:new")) == len(others)


def test_with_progress_and_no_database_exports_new_cards(tmp_path: Path, paths: Paths, collection: Collection,
                                                          bank: Bank) -> None:
    out = tmp_path / "p.apkg"
    export_anki(paths=paths, bank=small_bank(bank), out=out, topic=None, lang="en", with_progress=True)
    assert not paths.db.exists()
    import_package(collection, out, with_scheduling=True)
    assert len(collection.find_cards("is:new")) == collection.card_count() > 0


# --- writing and refusals ----------------------------------------------------------------------------


def test_overwrites_a_package_atomically(tmp_path: Path, paths: Paths, bank: Bank) -> None:
    out = tmp_path / "n.apkg"
    export_anki(paths=paths, bank=small_bank(bank), out=out, topic=None, lang="en", with_progress=False)
    first = out.read_bytes()
    export_anki(paths=paths, bank=small_bank(bank, "losses"), out=out, topic=None, lang="en", with_progress=False)
    assert out.read_bytes() != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "n.apkg"]  # no temporary file left
    with zipfile.ZipFile(out) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}


def _refused(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def test_refuses_a_name_without_apkg(tmp_path: Path) -> None:
    message = _refused(run_cli("export", "anki", "-o", str(tmp_path / "deck.zip"), home=tmp_path))
    assert ".apkg" in message
    assert not (tmp_path / "deck.zip").exists()


def test_refuses_to_overwrite_a_file_that_is_not_a_package(tmp_path: Path) -> None:
    target = tmp_path / "notes.apkg"
    target.write_text("my notes\n")
    message = _refused(run_cli("export", "anki", "-o", str(target), home=tmp_path))
    assert "not an Anki package" in message
    assert target.read_text() == "my notes\n"
    directory = tmp_path / "dir.apkg"
    directory.mkdir()
    assert "directory" in _refused(run_cli("export", "anki", "-o", str(directory), home=tmp_path))


def test_refuses_an_unwritable_place(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "quiz.apkg"
    else:  # root ignores permission bits; sysfs refuses new files even to root
        target = Path("/sys/quiz-export-test.apkg")
        if not Path("/sys").is_dir() or os.access("/sys", os.W_OK) and _can_create(Path("/sys")):
            pytest.skip("no unwritable directory available to root here")
    message = _refused(run_cli("export", "anki", "-o", str(target), home=tmp_path))
    assert str(target) in message and "cannot write" in message
    missing = tmp_path / "no" / "such" / "quiz.apkg"
    assert "does not exist" in _refused(run_cli("export", "anki", "-o", str(missing), home=tmp_path))


def _can_create(folder: Path) -> bool:
    try:
        (folder / ".quiz-probe").touch()
    except OSError:
        return False
    (folder / ".quiz-probe").unlink()
    return True


def test_library_error_is_export_error(tmp_path: Path, paths: Paths, bank: Bank) -> None:
    with pytest.raises(ExportError):
        export_anki(paths=paths, bank=bank, out=tmp_path / "x.txt", topic=None, lang="en", with_progress=False)

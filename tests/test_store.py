"""Progress store and scheduler: durability, migrations, refusals, scheduling order."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import quiz_command, source_env
from quizcli.config import Config
from quizcli.models import Question
from quizcli.progress import record, replayer
from quizcli.scheduler import Rating, auto_rating
from quizcli.store import SCHEMA_VERSION, Store

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
CONFIG = Config(fuzz=False)


def q(qid: str, topic: str = "activations", kind: str = "open") -> Question:
    return Question(id=qid, kind=kind, topic=topic, tags=("t",), difficulty=2, prompt={"en": "p", "zh": "p"},
                    answer={"en": "a", "zh": "a"}, sources=())


def test_again_comes_back_before_good(tmp_path: Path) -> None:
    with Store.open(tmp_path / "quiz.db") as store:
        assert store is not None
        again = record(store, q("activations.a"), Rating.again, T0, CONFIG)
        good = record(store, q("activations.b"), Rating.good, T0, CONFIG)
        assert again.due is not None and good.due is not None and again.due < good.due
        assert store.due_ids((T0 + timedelta(minutes=2)).timestamp()) == ["activations.a"]


def test_review_card_answered_good_is_not_due_the_same_day(tmp_path: Path) -> None:
    with Store.open(tmp_path / "quiz.db") as store:
        assert store is not None
        card = q("activations.a")
        now = T0
        state = record(store, card, Rating.good, now, CONFIG)
        while state.state != 2:  # graduate through the learning steps
            now = datetime.fromtimestamp(state.due or 0, tz=UTC)
            state = record(store, card, Rating.good, now, CONFIG)
        now = datetime.fromtimestamp(state.due or 0, tz=UTC) + timedelta(hours=1)
        state = record(store, card, Rating.good, now, CONFIG)
        assert state.state == 2 and (state.due or 0) - now.timestamp() >= 86400
        assert store.due_ids(now.timestamp() + 12 * 3600) == []


def test_due_order_is_stable(tmp_path: Path) -> None:
    with Store.open(tmp_path / "quiz.db") as store:
        assert store is not None
        for name in ["c", "a", "b"]:
            record(store, q(f"activations.{name}"), Rating.again, T0, CONFIG)
        later = (T0 + timedelta(hours=1)).timestamp()
        assert store.due_ids(later) == ["activations.a", "activations.b", "activations.c"]
        assert store.due_ids(later) == store.due_ids(later)


def test_auto_rating() -> None:
    assert auto_rating(False, 1.0, 1) == Rating.again
    assert auto_rating(True, 1.0, 1, hints_used=1) == Rating.hard
    assert auto_rating(True, 1.0, 2) == Rating.easy
    assert auto_rating(True, 30.0, 2) == Rating.good
    assert auto_rating(True, 1000.0, 2) == Rating.hard
    assert auto_rating(True, 1.0, 2, solution_seen=True) == Rating.again


def test_undo_rebuilds_the_card_from_the_log(tmp_path: Path) -> None:
    with Store.open(tmp_path / "quiz.db") as store:
        assert store is not None
        card = q("activations.a")
        first = record(store, card, Rating.good, T0, CONFIG)
        record(store, card, Rating.again, T0 + timedelta(minutes=15), CONFIG)
        assert store.undo_last(card.id, replayer(CONFIG))
        assert store.card(card.id) == first
        assert store.undo_last(card.id, replayer(CONFIG))
        assert store.card(card.id) is None and not store.undo_last(card.id, replayer(CONFIG))


def test_progress_export_import_is_idempotent(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as a:
        assert a is not None
        for i, rating in enumerate([Rating.good, Rating.again, Rating.easy]):
            record(a, q(f"losses.q{i}", topic="losses"), rating, T0 + timedelta(minutes=i), CONFIG)
        a.set_suspended("losses.q0")
        data = json.loads(json.dumps(a.export()))
        cards_a = a.cards()
    with Store.open(tmp_path / "b.db") as b:
        assert b is not None
        assert b.import_reviews(data, replayer(CONFIG)) == 3
        assert b.import_reviews(data, replayer(CONFIG)) == 0
        assert b.cards() == cards_a and b.suspended_ids() == {"losses.q0"}
        assert b.stats(T0.timestamp())["reviews"] == 3


def test_newer_database_is_refused_untouched(tmp_path: Path, run_quiz, quiz_home: Path) -> None:
    db = quiz_home / "quiz.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE x (y)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    res = run_quiz("stats", "--json")
    assert res.returncode == 2 and res.stdout == ""
    assert "newer version of quiz" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in quiz_home.iterdir()) == ["quiz.db"]


def test_corrupt_database_is_refused_untouched(run_quiz, quiz_home: Path) -> None:
    db = quiz_home / "quiz.db"
    db.write_bytes(b"this is not sqlite at all" * 400)
    before = db.read_bytes()
    res = run_quiz("stats", "--json")
    assert res.returncode == 2 and "not a usable quiz database" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert db.read_bytes() == before


def test_migration_from_an_older_schema_keeps_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "quiz.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE placeholder (x)")
    conn.commit()
    conn.close()  # user_version 0 but not empty: a pre-release file
    with Store.open(db) as store:
        assert store is not None
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _writer(db: str, prefix: str, n: int) -> None:
    with Store.open(Path(db)) as store:
        assert store is not None
        for i in range(n):
            record(store, q(f"activations.{prefix}{i}"), Rating.good, T0 + timedelta(seconds=i), CONFIG)


def test_two_writers_at_once_keep_every_review(tmp_path: Path) -> None:
    db = str(tmp_path / "quiz.db")
    with Store.open(Path(db)):
        pass
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(db, p, 40)) for p in ("x", "y")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with Store.open(Path(db)) as store:
        assert store is not None
        assert store.stats(T0.timestamp())["reviews"] == 80


ANSWER = (
    "def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):\n"
    "    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1\n"
)


def test_killed_checks_lose_no_acknowledged_review(tmp_path: Path) -> None:
    home = tmp_path / "home"
    answer = tmp_path / "answer.py"
    answer.write_text(ANSWER)
    env = dict(source_env(), QUIZ_HOME=str(home))
    subprocess.run([*quiz_command(), "list", "--json"], env=env, capture_output=True, check=True)  # warm cache
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(50):
        proc = subprocess.Popen([*quiz_command(), "check", str(answer), "--json"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        delay = rng.uniform(0.05, 2.0)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.returncode == 0:
            acknowledged += 1
    db = home / "quiz.db"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    conn.close()
    assert acknowledged > 0
    assert stored >= acknowledged


def test_check_records_a_review(run_quiz, tmp_path: Path) -> None:
    answer = tmp_path / "answer.py"
    answer.write_text(ANSWER)
    assert run_quiz("check", str(answer), "--json").returncode == 0
    assert run_quiz("check", str(answer), "--json", "--no-record").returncode == 0
    stats = json.loads(run_quiz("stats", "--json").stdout)
    assert stats["reviews"] == 1 and stats["by_topic"]["convolution"]["reviews"] == 1
    listed = run_quiz("list", "--kind", "code")
    assert "✓" in listed.stdout


def test_daily_totals_follow_inserts_undos_imports_and_resets(tmp_path: Path) -> None:
    """`quiz stats` reads per-day totals kept by triggers: they must always equal the review log."""
    def by_log(store: Store) -> dict[str, int]:
        return dict(store.conn.execute("SELECT topic, count(*) FROM reviews GROUP BY topic"))

    with Store.open(tmp_path / "a.db") as store:
        assert store is not None
        for i in range(6):
            record(store, q(f"losses.q{i % 3}", topic="losses"), Rating(1 + i % 4), T0 + timedelta(hours=i), CONFIG)
        record(store, q("math.x", topic="math"), Rating.good, T0, CONFIG)
        store.undo_last("losses.q2", replayer(CONFIG))
        stats = store.stats((T0 + timedelta(days=1)).timestamp())
        assert {t: v["reviews"] for t, v in stats["by_topic"].items()} == by_log(store) == {"losses": 5, "math": 1}
        assert stats["reviews"] == 6 and sum(stats["reviews_last_30_days"]) == 6
        data = store.export()
        store.reset("losses")
        assert store.stats(T0.timestamp())["reviews"] == 1
        store.import_reviews(data, replayer(CONFIG))
        assert store.stats(T0.timestamp())["reviews"] == 6
        assert store.new_cards_today(T0.timestamp() - 1) == 4


def test_migration_from_schema_1_keeps_reviews_and_rebuilds_totals(tmp_path: Path) -> None:
    from quizcli import store as store_module

    db = tmp_path / "quiz.db"
    conn = sqlite3.connect(db)
    for sql in store_module._statements(store_module.MIGRATIONS[0][1]):
        conn.execute(sql)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO reviews (uid, question_id, topic, kind, reviewed_at, rating) VALUES ('u1', 'math.a', 'math', 'open', ?, 3)",
        (T0.timestamp(),),
    )
    conn.execute(
        "INSERT INTO cards (question_id, topic, kind, state, due, last_review) VALUES ('math.a', 'math', 'open', 2, ?, ?)",
        (T0.timestamp() + 86400, T0.timestamp()),
    )
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        assert store is not None
        assert store.stats(T0.timestamp())["reviews"] == 1
        assert store.new_cards_today(T0.timestamp() - 1) == 1
    backups = list(tmp_path.glob("quiz.db.bak-v1-*"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == 1


def test_suspended_cards_are_not_due(tmp_path: Path) -> None:
    with Store.open(tmp_path / "quiz.db") as store:
        assert store is not None
        record(store, q("losses.a", topic="losses"), Rating.again, T0, CONFIG)
        record(store, q("losses.b", topic="losses"), Rating.again, T0, CONFIG)
        later = (T0 + timedelta(hours=1)).timestamp()
        assert store.stats(later)["due_now"] == 2
        store.set_suspended("losses.a")
        stats = store.stats(later)
        assert stats["due_now"] == 1 and stats["by_topic"]["losses"]["due_now"] == 1 and stats["due_7_days"] == 1
        assert store.due_ids(later) == ["losses.b"]

"""Progress in SQLite: an append-only review log and the card states derived from it.

* WAL mode, ``synchronous=FULL`` (an acknowledged answer survives a power cut, not only a
  crash), a busy timeout so two sessions can write, and one ``BEGIN IMMEDIATE`` transaction
  per answer: the review row and the card state change together or not at all.
* The schema is versioned with ``PRAGMA user_version``; migrations are named functions,
  applied in order, never edited. An existing database is copied with ``VACUUM INTO`` before
  it is migrated. A database from a newer ``quiz`` or a file that is not a database is refused
  with one sentence and left untouched.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import StoreError
from .scheduler import CardState, Rating

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            question_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            kind TEXT NOT NULL,
            reviewed_at REAL NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            duration_ms INTEGER NOT NULL DEFAULT 0,
            verdict TEXT,
            hints INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL DEFAULT 'session'
        );
        CREATE INDEX reviews_question ON reviews (question_id, reviewed_at);
        CREATE INDEX reviews_time ON reviews (reviewed_at);
        CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            kind TEXT NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due REAL NOT NULL,
            last_review REAL NOT NULL,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            passed INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX cards_due ON cards (due);
        CREATE TABLE suspensions (question_id TEXT PRIMARY KEY);
        CREATE INDEX cards_topic ON cards (topic, due);
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            flagged_at REAL NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );
        """,
    ),
    (
        "0002_hint_reveals",
        """
        CREATE TABLE hint_reveals (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            revealed_at REAL NOT NULL
        );
        CREATE INDEX hint_reveals_question ON hint_reveals (question_id, revealed_at);
        """,
    ),
    (
        "0003_daily_totals_and_first_review",
        # Per-day, per-topic totals kept by triggers, so `quiz stats` never scans the review log,
        # and each card's first review time, so counting today's new cards does not either.
        """
        CREATE TABLE daily (
            day TEXT NOT NULL,
            topic TEXT NOT NULL,
            reviews INTEGER NOT NULL DEFAULT 0,
            remembered INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, topic)
        ) WITHOUT ROWID;
        CREATE TRIGGER reviews_daily_insert AFTER INSERT ON reviews BEGIN
            INSERT INTO daily (day, topic, reviews, remembered)
            VALUES (date(NEW.reviewed_at, 'unixepoch', 'localtime'), NEW.topic, 1, NEW.rating > 1)
            ON CONFLICT (day, topic) DO UPDATE SET reviews = reviews + 1, remembered = remembered + (NEW.rating > 1);
        END;
        CREATE TRIGGER reviews_daily_delete AFTER DELETE ON reviews BEGIN
            UPDATE daily SET reviews = reviews - 1, remembered = remembered - (OLD.rating > 1)
            WHERE day = date(OLD.reviewed_at, 'unixepoch', 'localtime') AND topic = OLD.topic;
        END;
        INSERT INTO daily (day, topic, reviews, remembered)
            SELECT date(reviewed_at, 'unixepoch', 'localtime'), topic, count(*), sum(rating > 1)
            FROM reviews GROUP BY 1, 2;
        ALTER TABLE cards ADD COLUMN first_review REAL;
        UPDATE cards SET first_review =
            (SELECT min(reviewed_at) FROM reviews r WHERE r.question_id = cards.question_id);
        CREATE INDEX cards_first_review ON cards (first_review);
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into statements (triggers contain semicolons of their own)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


@dataclass
class Review:
    question_id: str
    topic: str
    kind: str
    rating: Rating
    reviewed_at: float
    duration_ms: int = 0
    verdict: str | None = None
    hints: int = 0
    source: str = "session"
    uid: str = ""


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    # --- opening ------------------------------------------------------------------

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path, create: bool = True) -> Iterator[Store | None]:
        """Open (and migrate) the database; with ``create=False`` yield None when there is none."""
        if not path.exists() and not create:
            yield None
            return
        store = cls._connect(path)
        try:
            yield store
        finally:
            store.conn.close()

    @classmethod
    def _connect(cls, path: Path) -> Store:
        existed = path.exists() and path.stat().st_size > 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {path.parent} ({exc.strerror})") from None
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the progress database {path} ({exc})") from None
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if existed:
                # reading the schema touches every page header it needs: a garbage file fails here
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"{path} is not a usable quiz database ({exc}); move it away or restore a backup"
            ) from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path} was written by a newer version of quiz (schema {version}, this one knows {SCHEMA_VERSION});"
                " upgrade quiz to use it"
            )
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                if existed and version > 0:
                    backup = path.with_name(f"{path.name}.bak-v{version}-{int(time.time())}")
                    conn.execute("VACUUM INTO ?", (str(backup),))
                cls._migrate(conn, version)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"{path} is not a usable quiz database ({exc}); move it away or restore a backup"
            ) from None
        return cls(conn, path)

    @staticmethod
    def _migrate(conn: sqlite3.Connection, version: int) -> None:
        for number, (_name, sql) in enumerate(MIGRATIONS, start=1):
            if number <= version:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current >= number:  # another process migrated meanwhile
                    conn.execute("COMMIT")
                    continue
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the progress database is busy or read-only ({exc})") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- cards ----------------------------------------------------------------------

    def card(self, question_id: str) -> CardState | None:
        row = self.conn.execute(
            "SELECT state, step, stability, difficulty, due, last_review, reps, lapses FROM cards"
            " WHERE question_id = ?",
            (question_id,),
        ).fetchone()
        if row is None:
            return None
        return CardState(question_id, *row)

    def cards(self) -> dict[str, CardState]:
        rows = self.conn.execute(
            "SELECT question_id, state, step, stability, difficulty, due, last_review, reps, lapses FROM cards"
        )
        return {r[0]: CardState(*r) for r in rows}

    def due_ids(self, now: float, topic: str | None = None, among: Iterable[str] | None = None) -> list[str]:
        """Seen, not suspended cards due at ``now``, most overdue first (stable order).

        ``among`` restricts to those ids (the bank's), looked up by key, so a huge history costs nothing."""
        sql = "SELECT question_id FROM cards WHERE due <= ?"
        sql += " AND question_id NOT IN (SELECT question_id FROM suspensions)"
        args: list[Any] = [now]
        if among is not None:
            sql += " AND question_id IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(among)))
        if topic:
            sql += " AND topic = ?"
            args.append(topic)
        sql += " ORDER BY due, question_id"
        return [r[0] for r in self.conn.execute(sql, args)]

    def seen_ids(self, among: Iterable[str] | None = None) -> set[str]:
        if among is None:
            return {r[0] for r in self.conn.execute("SELECT question_id FROM cards")}
        rows = self.conn.execute(
            "SELECT question_id FROM cards WHERE question_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(among)),),
        )
        return {r[0] for r in rows}

    def suspended_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT question_id FROM suspensions")}

    def new_cards_today(self, day_start: float) -> int:
        row = self.conn.execute("SELECT count(*) FROM cards WHERE first_review >= ?", (day_start,)).fetchone()
        return int(row[0])

    def passed_code_questions(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT question_id FROM cards WHERE passed = 1")}

    # --- writing ----------------------------------------------------------------------

    def record(self, review: Review, update: Callable[[CardState], CardState]) -> CardState:
        """Append a review and update its card, in one transaction; returns the new card state."""
        uid = review.uid or uuid.uuid4().hex
        with self.transaction() as conn:
            card = self.card(review.question_id) or CardState(review.question_id)
            new = update(card)
            conn.execute(
                "INSERT INTO reviews (uid, question_id, topic, kind, reviewed_at, rating, duration_ms, verdict, hints,"
                " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uid,
                    review.question_id,
                    review.topic,
                    review.kind,
                    review.reviewed_at,
                    int(review.rating),
                    review.duration_ms,
                    review.verdict,
                    review.hints,
                    review.source,
                ),
            )
            self._write_card(conn, review, new, passed=review.verdict == "pass")
        return new

    @staticmethod
    def _write_card(conn: sqlite3.Connection, review: Review, card: CardState, passed: bool) -> None:
        conn.execute(
            "INSERT INTO cards (question_id, topic, kind, state, step, stability, difficulty, due, last_review, reps,"
            " lapses, passed, first_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (question_id) DO UPDATE SET topic = excluded.topic, kind = excluded.kind,"
            " state = excluded.state, step = excluded.step, stability = excluded.stability,"
            " difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review,"
            " reps = excluded.reps, lapses = excluded.lapses, passed = max(cards.passed, excluded.passed),"
            " first_review = coalesce(cards.first_review, excluded.first_review)",
            (
                card.question_id,
                review.topic,
                review.kind,
                card.state,
                card.step,
                card.stability,
                card.difficulty,
                card.due,
                card.last_review,
                card.reps,
                card.lapses,
                int(passed),
                review.reviewed_at,
            ),
        )

    def undo_last(self, question_id: str, replay: Callable[[list[Review]], CardState | None]) -> bool:
        """Remove the newest review of a question and rebuild its card from the rest of the log."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM reviews WHERE question_id = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1",
                (question_id,),
            ).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM reviews WHERE id = ?", (row[0],))
            self._rebuild(conn, question_id, replay)
        return True

    def _rebuild(
        self, conn: sqlite3.Connection, question_id: str, replay: Callable[[list[Review]], CardState | None]
    ) -> None:
        reviews = self.reviews_of(question_id)
        card = replay(reviews)
        if card is None or not reviews:
            conn.execute("DELETE FROM cards WHERE question_id = ?", (question_id,))
            return
        last = reviews[-1]
        passed = any(r.verdict == "pass" for r in reviews)
        self._write_card(conn, last, card, passed)
        conn.execute("UPDATE cards SET first_review = ? WHERE question_id = ?", (reviews[0].reviewed_at, question_id))

    def reviews_of(self, question_id: str) -> list[Review]:
        rows = self.conn.execute(
            "SELECT question_id, topic, kind, rating, reviewed_at, duration_ms, verdict, hints, source, uid"
            " FROM reviews WHERE question_id = ? ORDER BY reviewed_at, id",
            (question_id,),
        )
        return [Review(r[0], r[1], r[2], Rating(r[3]), *r[4:]) for r in rows]

    def reveal_hint(self, question_id: str, now: float) -> int:
        """Note that one more hint was shown; returns how many are revealed since the last review."""
        with self.transaction() as conn:
            conn.execute("INSERT INTO hint_reveals (question_id, revealed_at) VALUES (?, ?)", (question_id, now))
        return self.hints_since_review(question_id)

    def hints_since_review(self, question_id: str) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM hint_reveals WHERE question_id = ? AND revealed_at >"
            " coalesce((SELECT max(reviewed_at) FROM reviews WHERE question_id = ?), 0)",
            (question_id, question_id),
        ).fetchone()
        return int(row[0])

    def set_suspended(self, question_id: str, suspended: bool = True) -> None:
        with self.transaction() as conn:
            if suspended:
                conn.execute("INSERT OR IGNORE INTO suspensions (question_id) VALUES (?)", (question_id,))
            else:
                conn.execute("DELETE FROM suspensions WHERE question_id = ?", (question_id,))

    def flag(self, question_id: str, reason: str, now: float) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO flags (question_id, flagged_at, reason) VALUES (?, ?, ?)", (question_id, now, reason)
            )

    def flagged(self) -> list[tuple[str, float, str]]:
        return [
            tuple(r) for r in self.conn.execute("SELECT question_id, flagged_at, reason FROM flags ORDER BY flagged_at")
        ]

    # --- export / import / reset --------------------------------------------------------

    def export(self) -> dict[str, Any]:
        cols = "uid, question_id, topic, kind, reviewed_at, rating, duration_ms, verdict, hints, source"
        reviews = [
            dict(zip(cols.split(", "), r, strict=True))
            for r in self.conn.execute(f"SELECT {cols} FROM reviews ORDER BY reviewed_at, id")
        ]
        suspended = sorted(self.suspended_ids())
        return {
            "format": "quiz-progress",
            "version": 1,
            "reviews": reviews,
            "suspended": suspended,
            "flags": [{"question_id": q, "flagged_at": t, "reason": r} for q, t, r in self.flagged()],
        }

    def import_reviews(self, data: dict[str, Any], replay: Callable[[list[Review]], CardState | None]) -> int:
        """Add the reviews not yet present (by uid) and rebuild the touched cards; returns how many were added."""
        if not isinstance(data, dict) or data.get("format") != "quiz-progress":
            raise StoreError("that file is not a quiz progress export")
        added = 0
        touched: set[str] = set()
        with self.transaction() as conn:
            for r in data.get("reviews", []):
                try:
                    cur = conn.execute(
                        "INSERT OR IGNORE INTO reviews (uid, question_id, topic, kind, reviewed_at, rating,"
                        " duration_ms, verdict, hints, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            str(r["uid"]),
                            str(r["question_id"]),
                            str(r["topic"]),
                            str(r["kind"]),
                            float(r["reviewed_at"]),
                            int(r["rating"]),
                            int(r.get("duration_ms", 0)),
                            r.get("verdict"),
                            int(r.get("hints", 0)),
                            str(r.get("source", "import")),
                        ),
                    )
                except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
                    raise StoreError(f"a review in the progress file is malformed ({exc})") from None
                if cur.rowcount:
                    added += 1
                    touched.add(str(r["question_id"]))
            for qid in sorted(touched):
                self._rebuild(conn, qid, replay)
            for qid in data.get("suspended", []):
                conn.execute("INSERT OR IGNORE INTO suspensions (question_id) VALUES (?)", (str(qid),))
        return added

    def backup(self, suffix: str) -> Path:
        target = self.path.with_name(f"{self.path.name}.{suffix}-{int(time.time())}")
        self.conn.execute("VACUUM INTO ?", (str(target),))
        return target

    def reset(self, topic: str | None = None) -> int:
        with self.transaction() as conn:
            if topic:
                n = conn.execute("DELETE FROM reviews WHERE topic = ?", (topic,)).rowcount
                conn.execute("DELETE FROM cards WHERE topic = ?", (topic,))
            else:
                n = conn.execute("DELETE FROM reviews").rowcount
                conn.execute("DELETE FROM cards")
        return int(n)

    # --- statistics -----------------------------------------------------------------------

    def stats(self, now: float) -> dict[str, Any]:
        """Totals from the `daily` table (kept by triggers) and the cards table; never scans the review log."""
        c = self.conn
        local = "date(?, 'unixepoch', 'localtime', ?)"
        month_start = c.execute(f"SELECT {local}", (now, "-29 days")).fetchone()[0]
        seen = c.execute("SELECT count(*) FROM cards").fetchone()[0]
        # counted from the indexes alone, then corrected by the (few) suspended cards
        due_now = c.execute("SELECT count(*) FROM cards WHERE due <= ?", (now,)).fetchone()[0]
        due_week = c.execute("SELECT count(*) FROM cards WHERE due <= ?", (now + 7 * 86400,)).fetchone()[0]
        by_topic: dict[str, dict[str, Any]] = {}

        def entry(topic: str) -> dict[str, Any]:
            return by_topic.setdefault(topic, {"reviews": 0, "cards_seen": 0, "due_now": 0, "retention": None})

        for topic, n_cards, n_due in c.execute(
            "SELECT topic, count(*), sum(due <= ?) FROM cards GROUP BY topic", (now,)
        ):
            entry(topic).update(cards_seen=n_cards, due_now=int(n_due or 0))
        for topic, due in c.execute(
            "SELECT c.topic, c.due FROM suspensions s JOIN cards c ON c.question_id = s.question_id"
        ):
            if due <= now:
                due_now -= 1
                entry(topic)["due_now"] -= 1
            if due <= now + 7 * 86400:
                due_week -= 1
        for topic, n in c.execute("SELECT topic, sum(reviews) FROM daily GROUP BY topic HAVING sum(reviews) > 0"):
            entry(topic)["reviews"] = n
        for topic, n, good in c.execute(
            "SELECT topic, sum(reviews), sum(remembered) FROM daily WHERE day >= ? GROUP BY topic", (month_start,)
        ):
            if n:
                entry(topic)["retention"] = round(good / n, 3)
        days = [c.execute(f"SELECT {local}", (now, f"-{29 - i} days")).fetchone()[0] for i in range(30)]
        counts = dict(c.execute("SELECT day, sum(reviews) FROM daily WHERE day >= ? GROUP BY day", (month_start,)))
        per_day = [int(counts.get(d, 0)) for d in days]
        streak = 0
        for n in reversed(per_day if per_day[-1] else per_day[:-1]):  # today may not have started yet
            if n == 0:
                break
            streak += 1
        reviews = c.execute("SELECT coalesce(sum(reviews), 0) FROM daily").fetchone()[0]
        return {
            "reviews": reviews,
            "cards_seen": seen,
            "due_now": due_now,
            "due_7_days": due_week,
            "streak_days": streak,
            "reviews_last_30_days": per_day,
            "by_topic": dict(sorted(by_topic.items())),
        }


def day_start(now: float) -> float:
    """Local midnight before ``now`` (epoch seconds)."""
    local = datetime.fromtimestamp(now).astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def dumps_progress(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)

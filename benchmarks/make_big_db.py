"""Build a big progress database (100,000 cards, 1,000,000 reviews) for the scale benchmarks.

    python benchmarks/make_big_db.py [--cards N] [--reviews N] [--force]

The tables are created by the real code: ``quizcli.store.Store.open`` runs the first migration,
the rows are bulk-inserted into its tables with ``executemany`` in one transaction, then
``Store.open`` runs the later migrations, which derive what they add (totals, columns, indexes)
from those rows as they would for a user upgrading. Most question ids are
synthetic (``topic.q000123``); about half of the real bank's questions are cards too, some of
them overdue, so ``quiz start`` has due questions to show. Review times are spread over the
past year (in time order, as a real log is appended), card due dates over -30..+60 days
around the build time; about 1% of the cards are suspended and a few hundred flagged.

The file is cached in ``$TMPDIR/quiz-bench/`` under a hash of the schema (migrations and
their SQL) and of the generator's parameters, so a rerun copies it instead of rebuilding it.
Due dates are relative to when the file was built; ``--force`` rebuilds.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 2
DAY = 86400.0
KINDS = ("open", "mcq", "numeric", "code")
RATINGS = (1, 2, 3, 4)
RATING_WEIGHTS = (0.12, 0.15, 0.58, 0.15)


def cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "quiz-bench"


def cache_key(cards: int, reviews: int, seed: int) -> str:
    from quizcli.store import MIGRATIONS, SCHEMA_VERSION

    h = hashlib.sha256(f"gen{GENERATOR_VERSION}:schema{SCHEMA_VERSION}:{cards}:{reviews}:{seed}".encode())
    for name, sql in MIGRATIONS:
        h.update(name.encode())
        h.update(sql.encode())
    return h.hexdigest()[:16]


def bank_questions() -> list[tuple[str, str, str]]:
    """(id, topic, kind) of every question of the built-in bank."""
    from quizcli.bank.loader import load_bank
    from quizcli.paths import Paths

    home = cache_dir() / "bank-home"  # its cache/ keeps the parsed bank: a rebuild skips the YAML
    bank = load_bank(Paths(data=home, config=home, cache=home / "cache"))
    return sorted((q.id, q.topic, q.kind) for q in bank.questions.values())


def generate(
    cards: int, reviews: int, seed: int, now: float
) -> tuple[list[tuple], list[tuple], list[str], list[tuple]]:
    """Rows for the cards, reviews, suspensions and flags tables (vectorised with NumPy: a few seconds)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    real = bank_questions()
    topics = sorted({t for _, t, _ in real})
    chosen = real[::2][: cards // 2]  # about half of the real questions have been seen
    kinds = rng.integers(0, len(KINDS), size=cards - len(chosen)).tolist()
    synthetic = [
        (f"{topics[n % len(topics)]}.q{n:06d}", topics[n % len(topics)], KINDS[k]) for n, k in enumerate(kinds)
    ]
    everything = chosen + synthetic
    n = len(everything)
    reviews = max(reviews, n)

    counts = np.bincount(rng.integers(0, n, size=reviews - n), minlength=n) + 1  # every card has a review
    card_of = np.repeat(np.arange(n), counts)  # grouped by card
    times = now - rng.random(reviews) * 365 * DAY
    ratings = rng.choice(np.array(RATINGS), p=np.array(RATING_WEIGHTS), size=reviews)
    millis = rng.integers(2000, 90000, size=reviews)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    last_review = np.maximum.reduceat(times, starts)
    lapses = np.add.reduceat((ratings == 1).astype(np.int64), starts)
    good = np.add.reduceat((ratings > 1).astype(np.int64), starts)
    is_code = np.array([k == "code" for _, _, k in everything])
    # the first real questions are surely overdue, so a session has something due to show
    due_days = rng.uniform(-30, 60, size=n)
    due_days[: min(20, len(chosen))] = rng.uniform(-30, -1, size=min(20, len(chosen)))
    stability = rng.uniform(0.5, 120.0, size=n)
    difficulty = rng.uniform(1.0, 10.0, size=n)
    passed = (is_code & (good > 0)).astype(np.int64)
    card_rows = [
        (qid, topic, kind, 2, None, s, d, now + dd * DAY, lr, int(c), int(lp), int(p))
        for (qid, topic, kind), s, d, dd, lr, c, lp, p in zip(
            everything,
            stability.tolist(),
            difficulty.tolist(),
            due_days.tolist(),
            last_review.tolist(),
            counts.tolist(),
            lapses.tolist(),
            passed.tolist(),
            strict=True,
        )
    ]

    order = np.argsort(times, kind="stable")  # a real log is appended in time order
    verdicts = np.where(ratings > 1, 1, 2) * is_code[card_of]  # 0 none, 1 pass, 2 fail
    names = (None, "pass", "fail")
    reviews_out = [
        (f"bench{i:027x}", *everything[c], t, r, ms, names[v], 0, "session")
        for i, (c, t, r, ms, v) in enumerate(
            zip(
                card_of[order].tolist(),
                times[order].tolist(),
                ratings[order].tolist(),
                millis[order].tolist(),
                verdicts[order].tolist(),
                strict=True,
            )
        )
    ]
    picks = rng.permutation(len(synthetic))
    suspended = [synthetic[i][0] for i in picks[: len(synthetic) // 100].tolist()]
    flagged = picks[len(synthetic) // 100 : len(synthetic) // 100 + 200].tolist()
    flags = [(synthetic[i][0], now - float(rng.random()) * 365 * DAY, "bench") for i in flagged]
    return card_rows, reviews_out, suspended, flags


@contextlib.contextmanager
def first_schema_only() -> Iterator[None]:
    """While active, ``Store.open`` knows only the first migration (whose tables the rows are written for)."""
    import quizcli.store as store_mod

    saved = store_mod.MIGRATIONS, store_mod.SCHEMA_VERSION
    store_mod.MIGRATIONS, store_mod.SCHEMA_VERSION = saved[0][:1], 1
    try:
        yield
    finally:
        store_mod.MIGRATIONS, store_mod.SCHEMA_VERSION = saved


def build(target: Path, cards: int, reviews: int, seed: int) -> None:
    """Write the rows into the tables of migration 0001, then let ``Store.open`` migrate the file.

    Migrations are append-only and never edited, so the columns written here stay valid; whatever
    later migrations derive (totals, new columns, indexes) is then built by their own SQL, exactly
    as for a user whose database is upgraded.
    """
    from quizcli.store import Store

    now = time.time()
    card_rows, review_rows, suspended, flags = generate(cards, reviews, seed, now)
    target.unlink(missing_ok=True)
    with first_schema_only(), Store.open(target) as store:  # the real first migration creates the tables
        assert store is not None
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("BEGIN")
        # the explicit indexes are dropped and re-created, from their own SQL, after the bulk insert
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        conn.executemany(
            "INSERT INTO cards (question_id, topic, kind, state, step, stability, difficulty, due, last_review, reps,"
            " lapses, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            card_rows,
        )
        conn.executemany(
            "INSERT INTO reviews (uid, question_id, topic, kind, reviewed_at, rating, duration_ms, verdict, hints,"
            " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            review_rows,
        )
        conn.executemany("INSERT INTO suspensions (question_id) VALUES (?)", [(q,) for q in suspended])
        conn.executemany("INSERT INTO flags (question_id, flagged_at, reason) VALUES (?, ?, ?)", flags)
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    with Store.open(target) as store:  # the real migrations bring it to the current schema
        assert store is not None
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for backup in target.parent.glob(f"{target.name}.bak-*"):  # the copy Store takes before migrating
        backup.unlink()


def big_db(cards: int = 100_000, reviews: int = 1_000_000, seed: int = 0, force: bool = False, log=None) -> Path:
    """The cached big database (built first when missing); never modify it, copy it."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"big-{cache_key(cards, reviews, seed)}-{cards}c-{reviews}r.db"
    if final.exists() and not force:
        return final
    if log:
        log(f"building {final.name} ({cards:,} cards, {reviews:,} reviews) ...")
    start = time.perf_counter()
    tmp = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        build(tmp, cards, reviews, seed)
        for suffix in ("-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        os.replace(tmp, final)
        for old in folder.glob("big-*.db*"):  # builds for an older schema or generator
            if old.name != final.name:
                old.unlink(missing_ok=True)
    finally:
        tmp.unlink(missing_ok=True)
    if log:
        log(f"built in {time.perf_counter() - start:.1f} s ({final.stat().st_size / 2**20:.0f} MiB)")
    return final


def install(db: Path, home: Path) -> Path:
    """Copy the database into a QUIZ_HOME (quiz.db), so the cached file stays pristine."""
    home.mkdir(parents=True, exist_ok=True)
    target = home / "quiz.db"
    shutil.copyfile(db, target)
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--reviews", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--force", action="store_true", help="rebuild even when a cached file exists")
    args = ap.parse_args()
    if args.cards < 1 or args.reviews < args.cards:
        ap.error("need at least one card and at least one review per card")
    path = big_db(args.cards, args.reviews, args.seed, args.force, log=lambda m: print(m, file=sys.stderr))
    print(path)


if __name__ == "__main__":
    main()

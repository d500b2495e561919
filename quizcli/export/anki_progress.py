"""``--with-progress``: quiz's FSRS state and review log, written into the package's collection.

genanki writes every card as new; this module rewrites the cards of questions you have
answered in quiz, in the SQLite collection inside the package, before it is zipped:

============== ====================================================================
quiz (FSRS)     Anki card
============== ====================================================================
never answered  new (type 0, queue 0), position = order in the bank
learning        type 1, queue 1 (due = epoch seconds; queue 3 and a day number when
                the step ends on a later day), ``left`` = learning steps remaining
review          type 2, queue 2, due = day number, ivl = days between the last review
                and the due date, factor 2500
relearning      type 3, queue 1 (or 3), ``left`` = relearning steps remaining
suspended       queue -1 (type kept)
============== ====================================================================

Every card also gets Anki's FSRS memory state in its ``data`` column
(``{"s": stability, "d": difficulty, "dr": desired retention, "decay": ..., "lrt": last
review}``), which the importer keeps: with FSRS enabled in Anki, the next intervals continue
from what quiz learned. Each review of the log becomes a ``revlog`` row (id = review time in
ms, ease = rating, type learn/review/relearn from the state before the review, ivl and
lastIvl from replaying the log through the same scheduler, factor = Anki's shifted FSRS
difficulty), so Anki's statistics and its FSRS optimizer see your history.

Day numbers are relative to the package collection's creation time ``crt``, which is put
``CRT_DAYS`` days before today (at local noon, with Anki's default 4 a.m. day rollover), so
"today" in the package is exactly ``CRT_DAYS``; Anki's importer shifts day numbers by the
difference between the package's today and the target collection's.

Anki imports scheduling only for cards it does not have yet (and only when "Import any
learning progress" / ``with_scheduling`` is on): carry progress over into a profile that
does not have these notes yet.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..paths import Paths

if TYPE_CHECKING:  # imported where used: an export without --with-progress needs collection_crt only
    from ..scheduler import CardState

CRT_DAYS = 3650
ROLLOVER_HOURS = 4
DEFAULT_FACTOR = 2500


def _anki_day(ts: float) -> Any:
    """The local calendar date of ``ts`` with Anki's default 4 a.m. rollover."""
    return (datetime.fromtimestamp(ts).astimezone() - timedelta(hours=ROLLOVER_HOURS)).date()


def collection_crt(now: float) -> int:
    """A creation time that makes today exactly ``CRT_DAYS`` in the package collection."""
    start = _anki_day(now) - timedelta(days=CRT_DAYS)
    noon = datetime(start.year, start.month, start.day, 12).astimezone()
    return int(noon.timestamp())


def day_number(ts: float, now: float) -> int:
    return CRT_DAYS + (_anki_day(ts) - _anki_day(now)).days


def _difficulty_factor(card: CardState) -> int:
    if card.difficulty is None:
        return 0
    return round(((card.difficulty - 1.0) / 9.0 + 0.1) * 1000)


def _interval(card: CardState, at: float) -> int:
    """Anki's revlog interval: days when the card is in review, else negative seconds."""
    if card.due is None:
        return 0
    if card.state == 2:
        return max(1, round((card.due - at) / 86400))
    return -max(1, int(card.due - at))


def card_row(card: CardState, now: float, suspended: bool, retention: float, decay: float | None) -> dict[str, Any]:
    """Anki's card columns for one FSRS card state."""
    from ..scheduler import LEARNING_STEPS, RELEARNING_STEPS

    assert card.due is not None
    row: dict[str, Any] = {"reps": card.reps, "lapses": card.lapses, "left": 0, "ivl": 0, "factor": 0}
    later_day = day_number(card.due, now) > CRT_DAYS
    if card.state == 2:
        last = card.last_review if card.last_review is not None else now
        row.update(type=2, queue=2, due=day_number(card.due, now), factor=DEFAULT_FACTOR)
        row["ivl"] = max(1, round((card.due - last) / 86400))
    else:
        relearning = card.state == 3
        steps = RELEARNING_STEPS if relearning else LEARNING_STEPS
        row.update(type=3 if relearning else 1, left=max(1, len(steps) - (card.step or 0)))
        if relearning:
            row.update(ivl=max(1, round(card.stability or 1)), factor=DEFAULT_FACTOR)
        if later_day:
            row.update(queue=3, due=day_number(card.due, now))
        else:
            row.update(queue=1, due=int(card.due))
    if suspended:
        row["queue"] = -1
    data: dict[str, Any] = {}
    if card.stability is not None and card.difficulty is not None:
        data = {"s": round(card.stability, 4), "d": round(card.difficulty, 4), "dr": round(retention, 2)}
        if decay is not None:
            data["decay"] = round(decay, 4)
        if card.last_review is not None:
            data["lrt"] = int(card.last_review)
    row["data"] = json.dumps(data, separators=(",", ":")) if data else ""
    return row


def apply_progress(conn: sqlite3.Connection, paths: Paths, card_ids: dict[str, int], now: float) -> int:
    """Write scheduling and review log of the questions in ``card_ids``; returns how many cards."""
    from ..config import load_config
    from ..scheduler import CardState, make_scheduler, review
    from ..store import Store

    with Store.open(paths.db, create=False) as store:
        if store is None:
            return 0
        cards = store.cards()
        suspended = store.suspended_ids()
        logs = {qid: store.reviews_of(qid) for qid in card_ids if qid in cards}
    config = load_config(paths)
    scheduler = make_scheduler(config.desired_retention, fuzz=False)
    params = list(getattr(scheduler, "parameters", ()))
    decay = float(params[20]) if len(params) > 20 else None
    revlog_ids: set[int] = set()
    done = 0
    for qid, cid in card_ids.items():
        card = cards.get(qid)
        if card is None or card.due is None:
            continue
        row = card_row(card, now, qid in suspended, config.desired_retention, decay)
        conn.execute(
            "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?, lapses = ?, left = ?,"
            " data = ?, mod = ? WHERE id = ?",
            (
                row["type"],
                row["queue"],
                row["due"],
                row["ivl"],
                row["factor"],
                row["reps"],
                row["lapses"],
                row["left"],
                row["data"],
                int(now),
                cid,
            ),
        )
        done += 1
        state = CardState(qid)
        last_ivl = 0
        for r in logs.get(qid, []):
            kind = {2: 1, 3: 2}.get(state.state, 0) if state.due is not None else 0
            state = review(scheduler, state, r.rating, datetime.fromtimestamp(r.reviewed_at, tz=UTC))
            ivl = _interval(state, r.reviewed_at)
            rid = int(r.reviewed_at * 1000)
            while rid in revlog_ids:
                rid += 1
            revlog_ids.add(rid)
            conn.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                " VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
                (rid, cid, int(r.rating), ivl, last_ivl, _difficulty_factor(state), min(r.duration_ms, 60000), kind),
            )
            last_ivl = ivl
    return done

"""FSRS scheduling glue: pure functions of (card state, rating, now).

Uses the ``fsrs`` package. Learning steps are 1 and 10 minutes (a card you miss comes
back within the same sitting, then tomorrow-ish once it graduates); relearning is one
10-minute step. Fuzzing is on for users (it spreads reviews) and off in tests.
Card ids passed to FSRS are derived from the question id, so they are stable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any


class Rating(IntEnum):
    again = 1
    hard = 2
    good = 3
    easy = 4


LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)

# seconds under which a correct auto-graded answer counts as Easy, by difficulty
FAST_SECONDS = {1: 8.0, 2: 15.0, 3: 25.0}
SLOW_FACTOR = 6.0


@dataclass
class CardState:
    question_id: str
    state: int = 1  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: float | None = None  # epoch seconds; None = never seen
    last_review: float | None = None
    reps: int = 0
    lapses: int = 0


def card_id(question_id: str) -> int:
    return int(hashlib.sha1(question_id.encode()).hexdigest()[:12], 16)


def _dt(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, tz=UTC)


def _fsrs_card(card: CardState, now: datetime) -> Any:
    """Our card state as an ``fsrs.Card`` (a never-seen card is due ``now``)."""
    import fsrs

    return fsrs.Card(
        card_id=card_id(card.question_id),
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_dt(card.due) or now,
        last_review=_dt(card.last_review),
    )


def make_scheduler(desired_retention: float = 0.9, fuzz: bool = True) -> Any:
    import fsrs

    return fsrs.Scheduler(
        desired_retention=desired_retention,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=fuzz,
    )


def review(scheduler: Any, card: CardState, rating: Rating, now: datetime) -> CardState:
    """The card after answering it with ``rating`` at ``now``."""
    import fsrs

    new, _ = scheduler.review_card(_fsrs_card(card, now), fsrs.Rating(int(rating)), review_datetime=now)
    lapse = card.state == 2 and rating == Rating.again
    return CardState(
        question_id=card.question_id,
        state=int(new.state),
        step=new.step,
        stability=new.stability,
        difficulty=new.difficulty,
        due=new.due.timestamp(),
        last_review=now.timestamp(),
        reps=card.reps + 1,
        lapses=card.lapses + (1 if lapse else 0),
    )


def retrievability(scheduler: Any, card: CardState, now: datetime) -> float:
    """Probability of recall now (0 for a card never seen)."""
    if card.last_review is None or card.stability is None:
        return 0.0
    return float(scheduler.get_card_retrievability(_fsrs_card(card, now), current_datetime=now))


def auto_rating(
    correct: bool,
    seconds: float,
    difficulty: int,
    hints_used: int = 0,
    solution_seen: bool = False,
    fast: dict[int, float] | None = None,
) -> Rating:
    """Rating of an auto-graded answer: wrong or solution seen -> Again; with hints -> Hard;
    much slower than expected -> Hard; faster than the difficulty's threshold -> Easy; else Good."""
    if not correct or solution_seen:
        return Rating.again
    if hints_used > 0:
        return Rating.hard
    limit = (fast or FAST_SECONDS).get(difficulty, 15.0)
    if seconds <= limit:
        return Rating.easy
    if seconds > limit * SLOW_FACTOR:
        return Rating.hard
    return Rating.good

"""Recording answers: the bridge between questions, the scheduler and the store."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .config import Config
from .models import Question
from .paths import Paths
from .scheduler import CardState, Rating, make_scheduler, review
from .store import Review, Store


def replayer(config: Config) -> Any:
    """A function rebuilding a card from its whole review log (used by undo and import)."""
    scheduler = make_scheduler(config.desired_retention, fuzz=False)

    def replay(reviews: list[Review]) -> CardState | None:
        if not reviews:
            return None
        card = CardState(reviews[0].question_id)
        for r in reviews:
            card = review(scheduler, card, r.rating, datetime.fromtimestamp(r.reviewed_at, tz=UTC))
        return card

    return replay


def record(
    store: Store,
    question: Question,
    rating: Rating,
    now: datetime,
    config: Config,
    *,
    duration: float = 0.0,
    verdict: str | None = None,
    hints: int = 0,
    source: str = "session",
) -> CardState:
    scheduler = make_scheduler(config.desired_retention, fuzz=config.fuzz)
    rv = Review(
        question_id=question.id,
        topic=question.topic,
        kind=question.kind,
        rating=rating,
        reviewed_at=now.timestamp(),
        duration_ms=int(duration * 1000),
        verdict=verdict,
        hints=hints,
        source=source,
    )
    return store.record(rv, lambda card: review(scheduler, card, rating, now))


def code_rating(verdict: str, hints: int = 0, solution_seen: bool = False) -> Rating:
    if verdict != "pass" or solution_seen:
        return Rating.again
    return Rating.hard if hints else Rating.good


def record_check(
    paths: Paths, report: Any, hints: int = 0, solution_seen: bool = False, now: datetime | None = None
) -> CardState:
    """Record a graded `quiz check` as a review of its question (pass -> Good, else Again)."""
    from .config import load_config

    config = load_config(paths)
    when = now or datetime.now(tz=UTC)
    with Store.open(paths.db) as store:
        assert store is not None
        hints = max(hints, store.hints_since_review(report.question.id))
        return record(
            store,
            report.question,
            code_rating(report.verdict, hints, solution_seen),
            when,
            config,
            duration=report.seconds,
            verdict=report.verdict,
            hints=hints,
            source="check",
        )


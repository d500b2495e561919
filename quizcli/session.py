"""The practice session's logic, with clock, randomness and input passed in (no terminal here).

:func:`build_queue` picks what to ask: due cards first (most overdue first), then new
ones up to the daily new-card limit, topics interleaved. :class:`Session` grades mcq and
numeric answers, records every answer at once, and can undo, suspend and flag.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from .bank.loader import Bank
from .config import Config
from .models import LETTERS, Question
from .progress import record, replayer
from .scheduler import CardState, Rating, auto_rating
from .store import Store, day_start


def interleave(questions: list[Question]) -> list[Question]:
    """Round-robin over topics, keeping each topic's own order."""
    by_topic: dict[str, list[Question]] = {}
    for q in questions:
        by_topic.setdefault(q.topic, []).append(q)
    out: list[Question] = []
    while any(by_topic.values()):
        for topic in list(by_topic):
            if by_topic[topic]:
                out.append(by_topic[topic].pop(0))
    return out


def build_queue(
    bank: Bank,
    store: Store,
    config: Config,
    now: datetime,
    rng: random.Random,
    topic: str | None = None,
    limit: int | None = None,
    new_limit: int | None = None,
) -> list[Question]:
    ts = now.timestamp()
    ids = list(bank.questions)
    due = [bank.questions[q] for q in store.due_ids(ts, topic, among=ids)]
    seen = store.seen_ids(among=ids)
    suspended = store.suspended_ids()
    fresh = [
        q
        for q in bank.questions.values()
        if q.id not in seen and q.id not in suspended and (topic is None or q.topic == topic)
    ]
    fresh.sort(key=lambda q: q.id)
    rng.shuffle(fresh)
    allowed = max(0, config.new_per_day - store.new_cards_today(day_start(ts)))
    if new_limit is not None:
        allowed = new_limit
    queue = interleave(due) + interleave(fresh[:allowed])
    return queue[:limit] if limit is not None else queue


_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(%?)\s*$")
_FRACTION = re.compile(r"^\s*([-+]?\d+)\s*/\s*(\d+)\s*$")


def parse_number(text: str) -> float | None:
    text = text.replace(",", "").replace("，", "")
    m = _NUMBER.match(text)
    if m:
        value = float(m.group(1))
        return value / 100 if m.group(2) else value
    m = _FRACTION.match(text)
    if m and int(m.group(2)) != 0:
        return int(m.group(1)) / int(m.group(2))
    return None


def numeric_correct(q: Question, value: float) -> bool:
    assert q.value is not None and q.tolerance is not None
    return abs(value - q.value) <= q.tolerance + 1e-12


def mcq_index(text: str, q: Question) -> int | None:
    t = text.strip().lower()
    if len(t) == 1 and t in LETTERS[: len(q.choices)]:
        return LETTERS.index(t)
    return None


@dataclass
class Answered:
    question: Question
    rating: Rating
    card: CardState
    correct: bool | None


@dataclass
class Session:
    store: Store
    config: Config
    now: Callable[[], datetime]
    history: list[Answered] = field(default_factory=list)

    def answer(
        self,
        q: Question,
        rating: Rating,
        seconds: float,
        correct: bool | None = None,
        verdict: str | None = None,
        hints: int = 0,
    ) -> Answered:
        card = record(self.store, q, rating, self.now(), self.config, duration=seconds, verdict=verdict, hints=hints)
        done = Answered(q, rating, card, correct)
        self.history.append(done)
        return done

    def answer_auto(self, q: Question, correct: bool, seconds: float, hints: int = 0) -> Answered:
        rating = auto_rating(correct, seconds, q.difficulty, hints, fast=self.config.fast)
        return self.answer(q, rating, seconds, correct=correct, hints=hints)

    def undo(self) -> Answered | None:
        if not self.history:
            return None
        last = self.history.pop()
        self.store.undo_last(last.question.id, replayer(self.config))
        return last

    def suspend(self, q: Question) -> None:
        self.store.set_suspended(q.id, True)

    def flag(self, q: Question, reason: str) -> None:
        self.store.flag(q.id, reason, self.now().timestamp())

    def summary(self) -> dict[str, int | float | None]:
        answered = len(self.history)
        correct = sum(1 for a in self.history if a.correct or (a.correct is None and a.rating >= Rating.good))
        nxt = min((a.card.due for a in self.history if a.card.due), default=None)
        return {"answered": answered, "correct": correct, "next_due": nxt}

"""`quiz interview`: choosing a mock interview's questions by weakness, and its report."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime
from typing import Any

from .bank.loader import Bank
from .config import Config
from .models import Question
from .scheduler import make_scheduler, retrievability
from .store import Store

MINUTES_PER_CONCEPT = 3.0


def pick_questions(
    bank: Bank,
    store: Store,
    config: Config,
    now: datetime,
    rng: random.Random,
    *,
    minutes: float,
    topic: str | None = None,
) -> list[Question]:
    """Concept questions (open/mcq/numeric) weakest first, then one code question (two for 40+ minutes).

    Weakness: seen cards by lowest retrievability now, recent lapses first among equals; then unseen
    questions in a seeded random order.
    """
    scheduler = make_scheduler(config.desired_retention, fuzz=False)
    cards = store.cards()
    pool = [q for q in bank.questions.values() if topic is None or q.topic == topic]
    pool.sort(key=lambda q: q.id)

    def weakness(q: Question) -> tuple[float, int, float]:
        card = cards.get(q.id)
        if card is None:
            return (2.0, 0, rng.random())  # unseen: after every seen card
        return (retrievability(scheduler, card, now), -card.lapses, rng.random())

    concepts = sorted((q for q in pool if q.kind != "code"), key=weakness)
    codes = sorted((q for q in pool if q.kind == "code"), key=weakness)
    n_code = min(len(codes), 2 if minutes >= 40 else 1)
    # about 10 minutes per code question and 3 per concept question, and never fewer than 3 concepts
    n_concept = max(3, int(max(0.0, minutes - 10 * n_code) / MINUTES_PER_CONCEPT))
    chosen = concepts[:n_concept]
    # the code questions come in the middle and at the end, as in a real interview
    if n_code:
        chosen.insert(len(chosen) // 2, codes[0])
    if n_code > 1:
        chosen.append(codes[1])
    return chosen


def build_report(outcomes: list[dict[str, Any]], *, minutes: float, elapsed: float) -> dict[str, Any]:
    answered = [o for o in outcomes if o["result"] not in ("unanswered", "not reached", "time up", "skipped")]
    good = [o for o in answered if o["result"] in ("correct", "pass") or o.get("rating", 0) >= 3]
    weak: Counter[str] = Counter()
    for o in outcomes:
        if o not in good:
            weak[o["topic"]] += 1
    return {
        "minutes": minutes,
        "elapsed_seconds": round(elapsed, 1),
        "questions": outcomes,
        "answered": len(answered),
        "score": len(good),
        "total": len(outcomes),
        "hints_used": sum(o.get("hints", 0) for o in outcomes),
        "review_topics": [t for t, _ in weak.most_common()],
    }


TEXT = {
    "en": {
        "title": "Mock interview report",
        "score": "Score",
        "question": "question",
        "result": "result",
        "time": "time",
        "hints": "hints",
        "review": "Topics to review",
        "none": "none",
    },
    "zh": {
        "title": "模拟面试报告",
        "score": "得分",
        "question": "题目",
        "result": "结果",
        "time": "用时",
        "hints": "提示",
        "review": "需要复习的主题",
        "none": "无",
    },
}


def report_markdown(report: dict[str, Any], lang: str = "en") -> str:
    t = TEXT.get(lang, TEXT["en"])
    lines = [
        f"# {t['title']}",
        "",
        f"**{t['score']}: {report['score']}/{report['total']}** · {report['elapsed_seconds']:.0f} s"
        f" / {report['minutes']:g} min · {t['hints']}: {report['hints_used']}",
        "",
        f"| # | {t['question']} | kind | {t['result']} | {t['time']} | {t['hints']} |",
        "|---|---|---|---|---|---|",
    ]
    for i, o in enumerate(report["questions"], 1):
        lines.append(
            f"| {i} | `{o['id']}` | {o['kind']} | {o['result']} | {o.get('seconds', 0):.0f} s | {o.get('hints', 0)} |"
        )
    lines += ["", f"**{t['review']}:** " + (", ".join(report["review_topics"]) or t["none"]), ""]
    return "\n".join(lines)

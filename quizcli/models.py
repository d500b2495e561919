"""Plain data: questions as the bank defines them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("open", "mcq", "numeric", "code")
LETTERS = "abcdef"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    topic: str
    tags: tuple[str, ...]
    difficulty: int
    prompt: dict[str, str]
    answer: dict[str, str]
    sources: tuple[dict[str, str], ...]
    explanation: dict[str, str] | None = None
    hints: tuple[dict[str, str], ...] = ()
    notes: tuple[dict[str, Any], ...] = ()
    choices: tuple[dict[str, Any], ...] = ()
    correct: str | None = None
    value: float | None = None
    tolerance: float | None = None
    unit: str | None = None
    function: str | None = None
    reference: str | None = None
    starter: str | None = None
    origin: str = ""
    """Where it was defined: ``path:line``."""
    builtin: bool = field(default=True, compare=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any], origin: str = "", builtin: bool = True) -> Question:
        return cls(
            id=d["id"],
            kind=d["kind"],
            topic=d["topic"],
            tags=tuple(d["tags"]),
            difficulty=int(d["difficulty"]),
            prompt=dict(d["prompt"]),
            answer=dict(d["answer"]),
            sources=tuple(dict(s) for s in d["sources"]),
            explanation=dict(d["explanation"]) if d.get("explanation") else None,
            hints=tuple(dict(h) for h in d.get("hints", ())),
            notes=tuple(dict(n) for n in d.get("notes", ())),
            choices=tuple(dict(c) for c in d.get("choices", ())),
            correct=d.get("correct"),
            value=d.get("value"),
            tolerance=d.get("tolerance"),
            unit=d.get("unit"),
            function=d.get("function"),
            reference=d.get("reference"),
            starter=d.get("starter"),
            origin=origin,
            builtin=builtin,
        )

    def to_cache(self) -> dict[str, Any]:
        """Plain dicts/lists/strings only (the cache is written with marshal)."""
        d = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items() if v not in (None, (), [])}

    @classmethod
    def from_cache(cls, d: dict[str, Any]) -> Question:
        return cls.from_dict(d, origin=d.get("origin", ""), builtin=d.get("builtin", True))

    @property
    def correct_index(self) -> int | None:
        return LETTERS.index(self.correct) if self.correct else None

    def to_json(self) -> dict[str, Any]:
        """The object `quiz list --json` prints (see cli.md)."""
        answer: dict[str, Any] = {"en": self.answer["en"], "zh": self.answer["zh"]}
        if self.kind == "mcq":
            answer["choices"] = [{"key": LETTERS[i], "en": c["en"], "zh": c["zh"]} for i, c in enumerate(self.choices)]
            answer["correct"] = self.correct
        if self.kind == "numeric":
            answer["value"] = self.value
            answer["tolerance"] = self.tolerance
            if self.unit:
                answer["unit"] = self.unit
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "topic": self.topic,
            "tags": list(self.tags),
            "difficulty": self.difficulty,
            "prompt": {"en": self.prompt["en"], "zh": self.prompt["zh"]},
            "answer": answer,
            "sources": [dict(s) for s in self.sources],
        }
        if self.explanation:
            out["explanation"] = dict(self.explanation)
        if self.hints:
            out["hints"] = [dict(h) for h in self.hints]
        if self.kind == "code":
            out["function"] = self.function
            out["reference"] = self.reference
        return out

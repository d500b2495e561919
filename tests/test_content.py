"""The bank as a whole: coverage of the catalogue and the notes, bilingual completeness, sources that exist."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from quizcli.bank.loader import builtin_dir, load_bank
from quizcli.models import LETTERS
from quizcli.paths import Paths

SHARED = Path(os.environ.get("QUIZ_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CATALOGUE = SHARED / "spec" / "code-questions.md"


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory):
    return load_bank(Paths.from_env({"QUIZ_HOME": str(tmp_path_factory.mktemp("home"))}))


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    assert SEEDS.is_dir(), f"the seed notes are expected in {SEEDS} (set QUIZ_SHARED to the shared/ folder)"
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


def catalogue_functions() -> list[str]:
    text = CATALOGUE.read_text(encoding="utf-8")
    return re.findall(r"^\| `([a-z_0-9]+)\(", text, flags=re.M)


def test_every_catalogue_function_is_a_code_question(bank) -> None:
    functions = catalogue_functions()
    assert len(functions) >= 55
    missing = [f for f in functions if bank.by_function(f) is None]
    assert not missing


def test_size_and_kinds(bank) -> None:
    qs = list(bank.questions.values())
    assert len(qs) >= 300
    assert sum(q.kind in ("mcq", "numeric") for q in qs) >= 100


def test_every_question_is_bilingual_and_complete(bank) -> None:
    for q in bank.questions.values():
        for field in (q.prompt, q.answer):
            assert field["en"].strip() and field["zh"].strip(), q.id
        assert re.search(r"[\u4e00-\u9fff]", q.prompt["zh"]), f"{q.id}: the zh prompt has no Chinese"
        assert q.prompt["zh"] != q.prompt["en"], q.id
        if q.kind in ("mcq", "numeric"):
            assert q.explanation, f"{q.id} has no explanation"
        if q.kind == "mcq":
            for i, choice in enumerate(q.choices):
                if LETTERS[i] != q.correct:
                    assert choice.get("why"), f"{q.id}: choice {LETTERS[i]} has no why"
        if q.kind == "code" or (q.kind in ("mcq", "numeric") and q.difficulty >= 2):
            assert q.hints, f"{q.id} has no hints"


def test_sources_name_existing_seed_sections(bank, seeds) -> None:
    for q in bank.questions.values():
        assert q.sources, q.id
        for s in q.sources:
            if "seed" in s:
                assert s["seed"] in seeds, f"{q.id}: unknown seed {s['seed']}"
                assert s["section"] in seeds[s["seed"]], f"{q.id}: section {s['section']!r} not in {s['seed']}"
        for n in q.notes:
            assert n["seed"] in seeds, q.id


def test_seed_sections_are_found_and_cited(bank, seeds) -> None:
    listing = yaml.safe_load((builtin_dir() / "seed_sections.yaml").read_text(encoding="utf-8"))
    assert sorted(listing) == sorted(seeds), "every seed note has its list of sections"
    cited = {(s["seed"], s["section"]) for q in bank.questions.values() for s in q.sources if "seed" in s}
    for seed, sections in listing.items():
        assert len(sections) >= 5, seed
        for section in sections:
            assert section in seeds[seed], f"{seed}: {section!r} is not in the note"
            assert (seed, section) in cited, f"{seed}: section {section!r} is cited by no question"


def test_ids_are_stable_slugs(bank) -> None:
    for q in bank.questions.values():
        assert q.id.startswith(q.topic + "."), q.id

"""The bank as a whole: coverage of the catalogue and the notes, bilingual completeness, sources that exist."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, SHARED, catalogue_sections, seed_questions, seed_sections
from quizcli.bank.loader import builtin_dir, load_bank
from quizcli.models import LETTERS
from quizcli.paths import Paths

SEEDS = SHARED / "seeds"
SEED_NOTES = sorted(yaml.safe_load((ROOT / "questions" / "seed_sections.yaml").read_text(encoding="utf-8")))
# Notes whose listed sections are also in the order of their first mention: in the others a section's
# title appears earlier in the text (in an outline, or inside an earlier section) than the section itself.
FIRST_MENTION_ORDER = {"002_2040fa34d8cb1fa8.txt"}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory):
    return load_bank(Paths.from_env({"QUIZ_HOME": str(tmp_path_factory.mktemp("home"))}))


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    assert SEEDS.is_dir(), f"the seed notes are expected in {SEEDS} (set QUIZ_SHARED to the shared/ folder)"
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


def catalogue_functions() -> list[str]:
    return [f for functions in catalogue_sections().values() for f in functions]


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


@pytest.mark.parametrize("seed", SEED_NOTES)
def test_seed_sections_are_listed_in_the_notes_order(seed, seeds) -> None:
    text = seeds[seed]
    sections = seed_sections(seed)
    assert sections and all(isinstance(s, str) for s in sections)
    assert len(set(sections)) == len(sections), seed
    pos = 0
    for section in sections:
        found = text.find(section, pos)
        assert found >= 0, f"{seed}: section {section!r} is missing from the note or out of order"
        pos = found + 1
    if seed in FIRST_MENTION_ORDER:
        first = [text.find(section) for section in sections]
        assert all(a < b for a, b in zip(first, first[1:], strict=False)), seed


@pytest.mark.parametrize("seed", SEED_NOTES)
def test_questions_written_from_a_note_cite_it_and_all_its_sections(seed, seeds) -> None:
    """questions/*/sNNN.yaml: every question cites note NNN and only it; together they cite every listed section."""
    text = seeds[seed]
    questions = seed_questions(seed)
    assert questions, seed
    for q in questions:
        cited = [s for s in q["sources"] if "seed" in s]
        assert cited, q["id"]
        for s in cited:
            assert s["seed"] == seed, (q["id"], s)
            assert s["section"] in text, (q["id"], s["section"])
        for n in q.get("notes", []):
            assert n["seed"] == seed, q["id"]
            assert n["section"] in text, (q["id"], n["section"])
    cited_sections = {s["section"] for q in questions for s in q["sources"] if "seed" in s}
    missing = [s for s in seed_sections(seed) if s not in cited_sections]
    assert not missing, f"sections of {seed} cited by no s{seed[:3]} question: {missing}"


@pytest.mark.parametrize("seed", SEED_NOTES)
def test_kind_mix_of_a_note(seed) -> None:
    kinds = [q["kind"] for q in seed_questions(seed)]
    assert "code" not in kinds
    assert sum(k in ("mcq", "numeric") for k in kinds) >= 0.4 * len(kinds)


def test_mcq_and_numeric_details(bank) -> None:
    for q in bank.questions.values():
        if q.kind in ("mcq", "numeric") and q.difficulty >= 2:
            assert 2 <= len(q.hints) <= 3, q.id
        if q.kind == "mcq":
            assert all(c.get("why") for c in q.choices), q.id
            assert q.correct in tuple(LETTERS[: len(q.choices)]), q.id
        if q.kind == "numeric":
            # the tolerance accepts rounding, never a different answer
            assert q.tolerance <= 0.02 * abs(q.value) + 1e-12, (q.id, q.tolerance, q.value)


def test_stricter_tolerances_of_notes_002_and_004() -> None:
    """The numeric questions of these notes keep the stricter rules they were written with."""
    for q in seed_questions("002_2040fa34d8cb1fa8.txt"):
        if q["kind"] == "numeric":
            value, tol = q["value"], q["tolerance"]
            assert 0 < tol <= 0.01 * abs(value) or (float(value).is_integer() and tol <= 0.5), q["id"]
    for q in seed_questions("004_8020d1ea39e4eaa3.txt"):
        if q["kind"] == "numeric":
            assert 0 < q["tolerance"], q["id"]


def test_ids_are_stable_slugs(bank) -> None:
    for q in bank.questions.values():
        assert q.id.startswith(q.topic + "."), q.id

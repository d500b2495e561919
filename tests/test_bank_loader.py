"""The strict question-file loader: every kind of bad file is one clear error, fast."""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

import pytest

from quizcli.bank import loader, yamlsafe
from quizcli.errors import BankError

GOOD = """\
questions:
  - id: activations.example
    kind: mcq
    topic: activations
    tags: [relu]
    difficulty: 1
    prompt: {en: "Which is zero for negative inputs?", zh: "哪个函数在负输入时为零?"}
    answer: {en: ReLU, zh: ReLU}
    explanation: {en: "ReLU is max(0, x).", zh: "ReLU 即 max(0, x)。"}
    choices:
      - {en: ReLU, zh: ReLU}
      - {en: Sigmoid, zh: Sigmoid, why: {en: "It is positive everywhere.", zh: "它处处为正。"}}
    correct: a
    sources:
      - {ref: "Nair and Hinton, 2010"}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "q.yaml") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def load_error(path: Path) -> BankError:
    start = time.perf_counter()
    with pytest.raises(BankError) as info:
        loader.load_file(path)
    assert time.perf_counter() - start < 1.0
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    assert path.name in message
    return info.value


def test_good_file_loads(tmp_path: Path) -> None:
    [q] = loader.load_file(write(tmp_path, GOOD))
    assert q.id == "activations.example" and q.correct_index == 0 and q.choices[1]["why"]["zh"]


@pytest.mark.parametrize(
    "text, line, needle",
    [
        ("questions:\n  - id: [unclosed\n", 3, ""),
        ("questions:\n\t- id: x\n", 2, "tab"),
        ("questions: []\nquestions: []\n", 2, "duplicate key"),
        ("questions: !!python/object/apply:os.system ['true']\n", 1, "tag"),
        ("a: &x [1, 2]\nb: *x\n", 1, "anchor"),
        ("questions:\n  - !custom {}\n", 2, "tag"),
    ],
)
def test_yaml_syntax_and_safety(tmp_path: Path, text: str, line: int, needle: str) -> None:
    err = load_error(write(tmp_path, text))
    assert err.line == line
    assert needle in str(err)


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]")
    err = load_error(write(tmp_path, "\n".join(lines) + "\n"))
    assert "anchor" in str(err) or "alias" in str(err)


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deep_flow_nesting_is_refused_before_parsing(tmp_path: Path, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    err = load_error(write(tmp_path, "questions: " + opener * 100_000 + closer * 100_000 + "\n"))
    assert "nesting" in str(err)


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "questions:\n" + "- " * 5000 + "x\n"))
    assert "nesting" in str(err) or "line longer" in str(err)


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, GOOD.encode() + b"# caf\xe9\n"))
    assert "UTF-8" in str(err) and err.line == GOOD.count("\n") + 1


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    err = load_error(path)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert "MiB limit" in str(err)
    assert after - before < 20 * 1024  # KiB: the 50 MB file was never read


def test_yaml_12_scalars(tmp_path: Path) -> None:
    data, _ = yamlsafe.parse("a: no\nb: on\nc: 012\nd: 0x1f\ne: 1.5e3\nf: true\ng: ~\n", "t.yaml")
    assert data == {"a": "no", "b": "on", "c": 12, "d": 31, "e": 1500.0, "f": True, "g": None}


@pytest.mark.parametrize(
    "edit, line, needle",
    [
        (("difficulty: 1", "difficulty: hard"), 6, "difficulty"),
        (("tags: [relu]", "tags: relu"), 5, "tags"),
        (("    difficulty: 1\n", "    difficulty: 1\n    colour: red\n"), 7, "unknown key 'colour'"),
        (("    tags: [relu]\n", ""), 2, "tags"),
        (("correct: a", "correct: c"), 13, "not among its 2 choices"),
        (("kind: mcq", "kind: essay"), 3, "kind"),
        (("id: activations.example", "id: losses.example"), 2, "must start with its topic"),
        (("prompt: {en: \"Which is zero for negative inputs?\", zh:", "prompt: {en: \"Which?\", xx:"), 7, "prompt"),
        (("      - {ref: \"Nair and Hinton, 2010\"}", "      - {seed: nope.txt}"), 15, "sources"),
    ],
)
def test_schema_errors_name_the_line(tmp_path: Path, edit: tuple[str, str], line: int, needle: str) -> None:
    assert edit[0] in GOOD
    err = load_error(write(tmp_path, GOOD.replace(edit[0], edit[1])))
    assert needle in str(err)
    assert err.line == line, str(err)


def test_kind_specific_fields_are_refused_elsewhere(tmp_path: Path) -> None:
    text = GOOD.replace("kind: mcq", "kind: open")
    err = load_error(write(tmp_path, text))
    assert "not allowed in a 'open' question" in str(err)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    problems = loader.validate_paths([tmp_path])
    assert len(problems) == 1 and "duplicate question id 'activations.example'" in problems[0]
    assert "a.yaml" in problems[0] and "b.yaml" in problems[0]


def test_code_question_needs_an_existing_reference(tmp_path: Path) -> None:
    text = """\
questions:
  - id: activations.nothing
    kind: code
    topic: activations
    tags: [x]
    difficulty: 1
    prompt: {en: a, zh: b}
    answer: {en: a, zh: b}
    function: nothing_at_all
    reference: "reference_impls.activations_losses:nothing_at_all"
    sources: [{ref: "abc"}]
"""
    problems = loader.validate_paths([write(tmp_path, text)])
    assert problems and "does not exist" in problems[0]


def test_builtin_bank_is_valid_and_schema_is_json() -> None:
    assert loader.validate_paths([loader.builtin_dir()]) == []
    schema = json.loads((Path(loader.__file__).parent / "question.schema.json").read_text())
    assert schema["$defs"]["question"]["properties"]["kind"]["enum"] == ["open", "mcq", "numeric", "code"]


def test_cache_is_used_and_invalidated(tmp_path: Path, quiz_home: Path) -> None:
    from quizcli.paths import Paths

    bank_dir = tmp_path / "mybank"
    bank_dir.mkdir()
    write(bank_dir, GOOD.replace("activations.example", "activations.mine"))
    paths = Paths.from_env({"QUIZ_HOME": str(quiz_home), "QUIZ_BANK": str(bank_dir)})
    first = loader.load_bank(paths)
    assert "activations.mine" in first.questions and not first.questions["activations.mine"].builtin
    assert list((quiz_home / "cache").glob("bank-*.marshal"))
    write(bank_dir, GOOD.replace("activations.example", "activations.other"))
    second = loader.load_bank(paths)
    assert "activations.other" in second.questions and "activations.mine" not in second.questions


def test_user_bank_may_not_reuse_a_builtin_id(tmp_path: Path, quiz_home: Path) -> None:
    from quizcli.paths import Paths

    builtin = loader.load_bank(Paths.from_env({"QUIZ_HOME": str(quiz_home)}))
    some_id = next(iter(builtin.questions))
    topic = some_id.split(".")[0]
    bank_dir = quiz_home / "bank"
    bank_dir.mkdir()
    write(bank_dir, GOOD.replace("activations.example", some_id).replace("topic: activations", f"topic: {topic}"))
    with pytest.raises(BankError, match="duplicate question id"):
        loader.load_bank(Paths.from_env({"QUIZ_HOME": str(quiz_home)}))

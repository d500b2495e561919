"""The command-line contract (shared/spec/cli.md) through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path


def test_version_and_help(run_quiz) -> None:
    res = run_quiz("--version")
    assert res.returncode == 0 and res.stdout.startswith("quiz ")
    res = run_quiz("--help")
    assert res.returncode == 0 and "check" in res.stdout and "start" in res.stdout


def test_list_json_matches_the_contract(run_quiz) -> None:
    res = run_quiz("list", "--json")
    assert res.returncode == 0, res.stderr
    questions = json.loads(res.stdout)
    assert len(questions) >= 300
    for q in questions:
        assert {"id", "kind", "topic", "tags", "difficulty", "prompt", "answer", "sources"} <= q.keys()
        assert q["id"].startswith(q["topic"] + ".") and 1 <= q["difficulty"] <= 3
        assert q["prompt"]["en"] and q["prompt"]["zh"] and q["answer"]["en"] and q["answer"]["zh"]
        for s in q["sources"]:
            assert set(s) in ({"seed", "section"}, {"ref"})
        if q["kind"] == "mcq":
            keys = [c["key"] for c in q["answer"]["choices"]]
            assert q["answer"]["correct"] in keys and all(c["en"] and c["zh"] for c in q["answer"]["choices"])
        if q["kind"] == "code":
            assert q["function"]
    code = json.loads(run_quiz("list", "--json", "--kind", "code").stdout)
    assert code and all(q["kind"] == "code" for q in code)
    topic = json.loads(run_quiz("list", "--json", "--topic", "detection").stdout)
    assert topic and all(q["topic"] == "detection" for q in topic)


def test_bad_usage_is_one_sentence_exit_2(run_quiz) -> None:
    for args in (["list", "--kind", "essay"], ["list", "--topic", "cooking"], ["show", "no.such-question"],
                 ["frobnicate"], ["check"], ["validate", "/no/such/dir"]):
        res = run_quiz(*args)
        assert res.returncode == 2, (args, res.stderr)
        assert res.stderr.strip() and "Traceback" not in res.stderr, args
        assert res.stdout == "" or args[0] == "validate", args


def test_show_renders_plain_when_piped(run_quiz) -> None:
    res = run_quiz("show", "activations.softmax", "--lang", "zh")
    assert res.returncode == 0 and "softmax" in res.stdout and "\x1b[" not in res.stdout
    as_json = json.loads(run_quiz("show", "activations.softmax", "--json").stdout)
    assert as_json["function"] == "softmax"


def test_validate_reports_file_and_line(run_quiz, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - id: x\n    kind: open\n")
    res = run_quiz("validate", str(bad))
    assert res.returncode == 2 and "bad.yaml:2" in res.stderr
    assert run_quiz("validate").returncode == 0


def test_new_writes_a_starter_and_refuses_to_overwrite(run_quiz, tmp_path: Path) -> None:
    res = run_quiz("new", "softmax", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    starter = tmp_path / "softmax.py"
    text = starter.read_text()
    assert text.startswith("# quiz: activations.softmax") and "def softmax(" in text and "__main__" in text
    again = run_quiz("new", "softmax", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    graded = run_quiz("check", str(starter), "--json", "--no-record")
    assert graded.returncode == 1 and json.loads(graded.stdout)["verdict"] == "error"


def test_user_bank_questions_load(run_quiz, tmp_path: Path, quiz_home: Path) -> None:
    bank = quiz_home / "bank"
    bank.mkdir()
    (bank / "mine.yaml").write_text(
        "questions:\n  - id: math.my-own\n    kind: numeric\n    topic: math\n    tags: [mine]\n    difficulty: 1\n"
        "    prompt: {en: 'What is 2 + 2?', zh: '2 加 2 等于多少？'}\n    answer: {en: '4', zh: '4'}\n"
        "    explanation: {en: 'Arithmetic.', zh: '算术。'}\n    value: 4\n    tolerance: 0\n"
        "    sources: [{ref: 'arithmetic'}]\n",
        encoding="utf-8",
    )
    ids = {q["id"] for q in json.loads(run_quiz("list", "--json", "--topic", "math").stdout)}
    assert "math.my-own" in ids

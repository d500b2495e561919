"""Interview mode, progressive hints, --show-solution and --watch (issue: practice the way interviews feel)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect

from conftest import source_env
from quizcli.progress import code_rating
from quizcli.scheduler import Rating, auto_rating

GOOD = (
    "def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):\n"
    "    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1\n"
)
BAD = "def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):\n    return size - kernel + 1\n"
PROMPTS = [r"Your answer \(letter", r"Your answer \(a number", r"Press Enter to see the answer",
           r"Path of your answer to grade", r"How well did you know it\?", r"Time is up"]


def env(home: Path) -> dict[str, str]:
    return dict(source_env(), QUIZ_HOME=str(home), COLUMNS="200", LINES="60", TERM="xterm", NO_COLOR="1")


def stats(home: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "quizcli", "stats", "--json"], env=env(home), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_ratings() -> None:
    assert auto_rating(True, 20.0, 2) == Rating.good
    assert auto_rating(True, 2.0, 2) == Rating.easy
    assert auto_rating(True, 2.0, 2, fast={2: 1.0}) == Rating.good  # the threshold is configurable
    assert auto_rating(True, 20.0, 2, hints_used=2) == Rating.hard
    assert auto_rating(False, 20.0, 2) == Rating.again
    assert code_rating("pass") == Rating.good
    assert code_rating("pass", hints=1) == Rating.hard
    assert code_rating("fail") == Rating.again
    assert code_rating("pass", solution_seen=True) == Rating.again


def test_timed_interview_ends_with_a_report(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    child = pexpect.spawn(sys.executable, ["-m", "quizcli", "interview", "--minutes", "0.12", "--seed", "3",
                                           "-o", str(report)], env=env(tmp_path), encoding="utf-8", timeout=60,
                          dimensions=(60, 200), cwd=str(tmp_path))
    answered = 0
    while True:
        i = child.expect(PROMPTS + [pexpect.EOF])
        if i in (5, 6):
            break
        if i == 0:
            child.sendline("a")
            answered += 1
        elif i == 1:
            child.sendline("3")
            answered += 1
        elif i == 2:
            child.sendline("")
        elif i == 4:
            child.sendline("3")
            answered += 1
        elif i == 3:
            child.sendline("")
        if answered >= 2:
            # stop answering: the countdown must end the interview by itself
            child.expect("Time is up", timeout=30)
            break
    child.expect(pexpect.EOF)
    assert "Mock interview report" in child.before, child.before[-3000:]
    child.close()
    assert child.exitstatus == 0
    text = report.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) >= 3 and any("time up" in r for r in rows)
    assert stats(tmp_path)["reviews"] == answered


def test_hints_make_a_pass_hard_and_solution_makes_it_again(tmp_path: Path) -> None:
    answer = tmp_path / "answer.py"
    answer.write_text(GOOD)
    e = env(tmp_path)
    hint = subprocess.run([sys.executable, "-m", "quizcli", "hint", "conv2d_output_size"], env=e, capture_output=True,
                          text=True)
    assert hint.returncode == 0 and "1/" in hint.stdout
    subprocess.run([sys.executable, "-m", "quizcli", "check", str(answer)], env=e, capture_output=True, check=True)
    bad = tmp_path / "bad.py"
    bad.write_text(BAD)
    shown = subprocess.run([sys.executable, "-m", "quizcli", "check", str(bad), "--show-solution"], env=e,
                           capture_output=True, text=True)
    assert shown.returncode == 1 and "def conv2d_output_size" in shown.stdout
    import sqlite3

    ratings = [r[0] for r in sqlite3.connect(tmp_path / "quiz.db").execute(
        "SELECT rating FROM reviews ORDER BY reviewed_at")]
    assert ratings == [int(Rating.hard), int(Rating.again)]


def test_watch_regrades_on_save_and_records_once(tmp_path: Path) -> None:
    answer = tmp_path / "answer.py"
    answer.write_text(BAD)
    child = pexpect.spawn(sys.executable, ["-m", "quizcli", "check", str(answer), "--watch"], env=env(tmp_path),
                          encoding="utf-8", timeout=60, dimensions=(60, 200))
    child.expect("FAIL")
    child.expect("save to re-grade")
    time.sleep(0.05)
    answer.write_text(BAD + "\n# edited once\n")
    child.expect("FAIL")
    child.expect("save to re-grade")
    answer.write_text(GOOD)
    child.expect("PASS")
    child.expect("save to re-grade")
    child.kill(signal.SIGINT)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert stats(tmp_path)["reviews"] == 1

"""`quiz start` driven through a real pseudo-terminal, as a person would use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect

from conftest import source_env

PROMPTS = [
    r"Your answer \(letter",
    r"Your answer \(a number",
    r"Press Enter to see the answer",
    r"Path of your answer to grade",
    r"How well did you know it\?",
    pexpect.EOF,
]


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = dict(source_env(), QUIZ_HOME=str(home), COLUMNS="220", LINES="60", TERM="xterm")
    return pexpect.spawn(sys.executable, ["-m", "quizcli", "start", *args], env=env, encoding="utf-8",
                         timeout=60, dimensions=(60, 220), cwd=str(home))


def stats(home: Path) -> dict:
    env = dict(source_env(), QUIZ_HOME=str(home))
    out = subprocess.run([sys.executable, "-m", "quizcli", "stats", "--json"], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_answer_each_kind_skip_code_and_quit(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--limit", "60", "--seed", "5")
    done = {"mcq": 0, "numeric": 0, "open": 0, "code": 0}
    while True:
        i = child.expect(PROMPTS)
        if i == 5:
            raise AssertionError("the session ended before every kind was seen")
        if i == 4:
            child.sendline("3")
            done["open"] += 1
            continue
        kind = ["mcq", "numeric", "open", "code"][i]
        if done[kind]:
            if all(done.values()):
                break
            # answer further questions of a kind already covered, so the loop keeps moving
        if kind == "mcq":
            child.sendline("a")
            done["mcq"] += 1
        elif kind == "numeric":
            child.sendline("1")
            done["numeric"] += 1
        elif kind == "open":
            child.sendline("")  # reveal; the rating prompt follows
        else:
            child.sendline("")  # skip the code question
            child.expect("skipped")
            done["code"] += 1
        if all(done.values()):
            child.expect(PROMPTS[:4])
            break
    child.sendline("q")
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    answered = done["mcq"] + done["numeric"] + done["open"]
    data = stats(tmp_path)
    assert data["reviews"] == answered and data["cards_seen"] == answered


def test_ctrl_c_keeps_answered_questions(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--limit", "30", "--seed", "2")
    answered = 0
    while answered < 2:
        i = child.expect(PROMPTS)
        if i == 0:
            child.sendline("b")
            answered += 1
        elif i == 1:
            child.sendline("2")
            answered += 1
        elif i == 2:
            child.sendline("")
        elif i == 4:
            child.sendline("2")
            answered += 1
        elif i == 3:
            child.sendline("")
        else:
            raise AssertionError("ended early")
    child.expect(PROMPTS[:4])
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 or child.signalstatus is None and child.status >> 8 == 130
    assert stats(tmp_path)["reviews"] == 2


def test_zh_session_is_in_chinese(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--limit", "3", "--seed", "1", "--lang", "zh")
    child.expect(["你的答案", "按回车查看答案", "输入答案文件路径"])
    child.sendline("q")
    child.expect("已保存")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert os.path.exists(tmp_path / "quiz.db")

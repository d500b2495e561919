"""Start-up is a feature: light commands never import the heavy modules."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import source_env

HEAVY = ("numpy", "yaml", "fsrs", "genanki", "jsonschema", "torch")


def modules_after(code: str) -> set[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], env=source_env(), capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_help_imports_nothing_heavy() -> None:
    mods = modules_after(
        "import sys\nfrom quizcli.cli import app\nimport typer.main\n"
        "cmd = typer.main.get_command(app)\n"
        "try:\n    cmd.main(['--help'], prog_name='quiz', standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    assert not [m for m in HEAVY if m in mods]


def test_list_with_warm_cache_imports_no_numpy_or_yaml(tmp_path) -> None:
    env = dict(source_env(), QUIZ_HOME=str(tmp_path))
    subprocess.run([sys.executable, "-m", "quizcli", "list", "--json"], env=env, capture_output=True, check=True)
    code = (
        "import sys\nfrom quizcli.cli import main\n"
        "import io, contextlib\nbuf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    try:\n        main(['list', '--json'])\n    except SystemExit:\n        pass\n"
    )
    script = code + "\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    mods = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert not [m for m in ("numpy", "yaml", "fsrs", "genanki", "jsonschema") if m in mods]


def test_start_shows_the_first_question_without_heavy_imports(tmp_path) -> None:
    import pexpect

    env = dict(source_env(), QUIZ_HOME=str(tmp_path), COLUMNS="200", TERM="xterm")
    subprocess.run([sys.executable, "-m", "quizcli", "list", "--json"], env=env, capture_output=True, check=True)
    child = pexpect.spawn(sys.executable, ["-X", "importtime", "-m", "quizcli", "start", "--seed", "1"], env=env,
                          encoding="utf-8", timeout=60, dimensions=(60, 200))
    child.expect([r"Your answer \(", r"Press Enter to see", r"Path of your answer"])
    before_first_question = child.before
    child.sendline("q")
    child.expect(pexpect.EOF)
    imported = {line.split("|")[-1].strip() for line in before_first_question.splitlines() if "import time:" in line}
    assert imported, "importtime output was expected on the terminal"
    assert not [m for m in ("numpy", "fsrs", "genanki", "yaml", "jsonschema") if m in imported]

"""`pip install .` (not editable) gives a `quiz` that works from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

from conftest import ROOT


def test_wheel_installs_and_runs_from_anywhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    [wheel] = list(wheels.glob("*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    # install the wheel into the venv with the outer pip (dependencies come from the system site)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--ignore-installed", "-q", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    quiz = env_dir / "bin" / "quiz"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QUIZ_BANK")}
    env["QUIZ_HOME"] = str(tmp_path / "home")
    listed = subprocess.run([str(quiz), "list", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    questions = json.loads(listed.stdout)
    assert len(questions) >= 20
    assert any(q["kind"] == "code" for q in questions)
    # the bank and references come from the installed package, not this checkout
    where = subprocess.run([str(py), "-c", "import quizcli, reference_impls; print(quizcli.__file__, reference_impls.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert str(ROOT) not in where.stdout
    valid = subprocess.run([str(quiz), "validate"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert valid.returncode == 0, valid.stderr
    assert list(elsewhere.iterdir()) == []  # nothing written to the current directory

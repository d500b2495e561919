"""Wall time of `quiz export anki` of the whole bank, against `python -c "import typer, genanki"`.

A plain script (not a test): ``python benchmarks/bench_export.py [--runs 5]``. It uses a
temporary QUIZ_HOME, does one cold export first (parses the bank and renders every text,
which fills the caches), then alternates warm exports with the baseline so that both see
the same machine load, and prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QUIZ_HOME=str(Path(tmp) / "home"), NO_COLOR="1")
        env.pop("QUIZ_BANK", None)
        env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        export = [sys.executable, "-m", "quizcli", "export", "anki", "-o", str(Path(tmp) / "quiz.apkg")]
        baseline = [sys.executable, "-c", "import typer, genanki"]
        cold = timed(export, env)
        exports, imports = [], []
        for _ in range(args.runs):
            exports.append(timed(export, env))
            imports.append(timed(baseline, env))
        size = (Path(tmp) / "quiz.apkg").stat().st_size
    e, i = statistics.median(exports), statistics.median(imports)
    print(f"quiz export anki (whole bank, cold caches, 1 run): {cold:.3f} s")
    print(f"quiz export anki (whole bank, median of {args.runs}): {e:.3f} s  [{size / 1e6:.2f} MB]")
    print(f'python -c "import typer, genanki" (median of {args.runs}): {i:.3f} s')
    print(f"ratio export / import: {e / i:.2f}")


if __name__ == "__main__":
    main()

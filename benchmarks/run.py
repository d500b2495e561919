"""The speed benchmarks of `quiz`: median wall times and their ratio to a baseline measured in the same run.

    python benchmarks/run.py [--quick] [--runs N] [--only NAME[,NAME]] [--markdown] [--check] [--keep]

Every command runs as ``sys.executable -m quizcli`` with ``PYTHONPATH`` set to this repository,
so it measures this working tree, and with its own temporary ``QUIZ_HOME``; bytecode is cached
(as for an installed package) under ``$TMPDIR/quiz-bench/pycache``. A benchmark is a
target command and a baseline command (a bare ``python -c "import ..."``, or the same command on
an empty database); each round runs both, in alternating order, so that the load of a shared,
noisy machine hits both alike. The first round is a warm-up and is not counted. The table shows
the median time of each and the ratio against the goal: the median over the rounds of
target/baseline within the round.

Names for ``--only``: help, list, check, start, stats-big, start-big, export. Absolute times mean
little on a shared machine; the ratios are what the goals are about. ``--check`` exits 1 when a
goal is missed. The big database (100k cards, 1M reviews) comes from ``make_big_db.py`` and is
cached in the temp dir; a build (first run, or a new schema) takes 15-40 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
PY = sys.executable
QUIZ = [PY, "-m", "quizcli"]
# the prompt that ends every question of `quiz start` ("Your answer ... › ", "Press Enter ... › ", ...)
FIRST_PROMPT = "›"

SOFTMAX = """import numpy as np


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    z = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)
"""


@dataclass
class Cmd:
    """One command to time: run to completion (stdout discarded), or on a pty until a text appears."""

    argv: list[str]
    home: Path
    cwd: Path | None = None
    pty_until: str | None = None  # on a pseudo-terminal: stop the clock when this text is on screen, then kill
    on_pty: bool = False  # on a pseudo-terminal, until the process exits (a baseline for a pty target)
    rc: int = 0
    before: Callable[[], None] | None = None  # untimed, before every run
    env: dict[str, str] = field(default_factory=dict)  # on top of env_for(home); PYTHONPATH is prepended

    def label(self) -> str:
        args = self.argv[3:] if self.argv[:3] == QUIZ else self.argv[1:]
        head = "quiz" if self.argv[:3] == QUIZ else "python"
        return " ".join([head, *(f'"{a}"' if " " in a else a for a in args)])


@dataclass
class Bench:
    name: str
    what: str
    target: Cmd
    baseline: Cmd
    baseline_what: str
    goal: float
    times: dict[str, list[float]] = field(default_factory=lambda: {"target": [], "baseline": []})

    @property
    def target_median(self) -> float:
        return statistics.median(self.times["target"])

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.times["baseline"])

    @property
    def ratios(self) -> list[float]:
        """Target over baseline in each round: the two ran back to back, under the same load."""
        return [t / b for t, b in zip(self.times["target"], self.times["baseline"], strict=True)]

    @property
    def ratio(self) -> float:
        """The median of the rounds' ratios (a change of load mid-run cannot skew it the way it can
        skew the ratio of the two medians, when it falls between a target and its baseline)."""
        return statistics.median(self.ratios)

    @property
    def ok(self) -> bool:
        return self.ratio <= self.goal


class BenchError(Exception):
    pass


def env_for(home: Path) -> dict[str, str]:
    """The environment of every measured command: this working tree first on the path, its own QUIZ_HOME.

    Bytecode is cached (an installed package has its .pyc files; PYTHONDONTWRITEBYTECODE would make
    every run recompile quizcli), under a prefix in the temp dir so the working tree stays clean.
    """
    drop = ("QUIZ_HOME", "QUIZ_BANK", "NO_COLOR", "PYTHONSTARTUP", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "quiz-bench" / "pycache")
    env["QUIZ_HOME"] = str(home)
    env.setdefault("LANG", "C.UTF-8")
    return env


def cmd_env(cmd: Cmd) -> dict[str, str]:
    env = env_for(cmd.home)
    for key, value in cmd.env.items():
        env[key] = value + os.pathsep + env[key] if key == "PYTHONPATH" else value
    return env


def time_once(cmd: Cmd) -> float:
    if cmd.before:
        cmd.before()
    if cmd.pty_until is not None or cmd.on_pty:
        return _time_pty(cmd)
    start = time.perf_counter()
    proc = subprocess.run(
        cmd.argv,
        env=cmd_env(cmd),
        cwd=cmd.cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=300,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != cmd.rc:
        err = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise BenchError(f"`{cmd.label()}` exited {proc.returncode}, expected {cmd.rc}: {' / '.join(err)}")
    return elapsed


def _time_pty(cmd: Cmd) -> float:
    import pexpect

    env = cmd_env(cmd)
    env["TERM"] = env.get("TERM") if env.get("TERM") not in (None, "", "dumb") else "xterm-256color"
    env.update(COLUMNS="120", LINES="40")
    start = time.perf_counter()
    child = pexpect.spawn(
        cmd.argv[0],
        cmd.argv[1:],
        env=env,
        cwd=str(cmd.cwd or cmd.home),
        dimensions=(40, 120),
        encoding="utf-8",
        codec_errors="replace",
        timeout=120,
    )
    try:
        if cmd.pty_until is not None:
            index = child.expect_exact([cmd.pty_until, pexpect.EOF])
            elapsed = time.perf_counter() - start
            if index != 0:
                raise BenchError(f"`{cmd.label()}` ended before showing {cmd.pty_until!r}: {child.before[-300:]!r}")
            child.kill(signal.SIGKILL)
        else:
            child.expect(pexpect.EOF)
            elapsed = time.perf_counter() - start
    except pexpect.TIMEOUT:
        raise BenchError(f"`{cmd.label()}` timed out on the pty: {child.before[-300:]!r}") from None
    finally:
        child.close(force=True)
    if cmd.pty_until is None and child.exitstatus != cmd.rc:
        raise BenchError(f"`{cmd.label()}` exited {child.exitstatus} on the pty, expected {cmd.rc}")
    return elapsed


def quiz(home: Path, *args: str, **kw) -> Cmd:
    return Cmd([*QUIZ, *args], home, **kw)


def python_c(home: Path, code: str, **kw) -> Cmd:
    return Cmd([PY, "-c", code], home, **kw)


def make_empty_home(path: Path) -> Path:
    """A QUIZ_HOME with an empty progress database (schema only) and a warm bank cache."""
    sys.path.insert(0, str(ROOT))
    from quizcli.store import Store

    path.mkdir(parents=True)
    with Store.open(path / "quiz.db") as store:
        assert store is not None
    warm_bank_cache(path)
    return path


def warm_bank_cache(home: Path) -> None:
    subprocess.run(
        [*QUIZ, "list", "--json"],
        env=env_for(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=True,
    )


def benches(work: Path, wanted: set[str] | None, log: Callable[[str], None]) -> tuple[list[Bench], list[str]]:
    """The benchmarks to run (set up lazily: the big database only when a scale benchmark is wanted)."""

    def want(name: str) -> bool:
        return wanted is None or name in wanted

    notes: list[str] = []
    out: list[Bench] = []
    light = make_empty_home(work / "home-empty")
    typer_rich = "import typer, rich.console"

    if want("help"):
        out.append(
            Bench(
                "help",
                "`quiz --help`",
                quiz(light, "--help"),
                python_c(light, typer_rich),
                f'`python -c "{typer_rich}"`',
                1.3,
            )
        )
    if want("list"):
        out.append(
            Bench(
                "list",
                "`quiz list --json` (bank cache warm)",
                quiz(light, "list", "--json"),
                python_c(light, "import typer, yaml"),
                '`python -c "import typer, yaml"`',
                1.5,
            )
        )
    if want("check"):
        answer_dir = work / "answer"
        answer_dir.mkdir()
        (answer_dir / "softmax.py").write_text(SOFTMAX, encoding="utf-8")
        out.append(
            Bench(
                "check",
                "`quiz check softmax.py --no-record` (correct)",
                quiz(light, "check", "softmax.py", "--no-record", cwd=answer_dir),
                python_c(light, "import numpy"),
                '`python -c "import numpy"`',
                2.5,
            )
        )
    if want("start"):
        out.append(
            Bench(
                "start",
                "`quiz start` to the first question (pty)",
                quiz(light, "start", pty_until=FIRST_PROMPT),
                python_c(light, typer_rich, on_pty=True),
                f'`python -c "{typer_rich}"` (pty)',
                1.5,
            )
        )
    if want("stats-big") or want("start-big"):
        import make_big_db

        db = make_big_db.big_db(log=log)
        big = work / "home-big"
        make_big_db.install(db, big)
        warm_bank_cache(big)
        if want("stats-big"):
            out.append(
                Bench(
                    "stats-big",
                    "`quiz stats --json`, 100k cards / 1M reviews",
                    quiz(big, "stats", "--json"),
                    quiz(light, "stats", "--json"),
                    "the same, empty database",
                    1.5,
                )
            )
        if want("start-big"):
            out.append(
                Bench(
                    "start-big",
                    "`quiz start` to the first question, 100k cards / 1M reviews (pty)",
                    quiz(big, "start", pty_until=FIRST_PROMPT),
                    quiz(light, "start", pty_until=FIRST_PROMPT),
                    "the same, empty database",
                    1.5,
                )
            )
    if want("export"):
        if (ROOT / "quizcli" / "export" / "anki.py").exists():
            out_dir = work / "export"
            out_dir.mkdir()
            apkg = out_dir / "bank.apkg"
            out.append(
                Bench(
                    "export",
                    "`quiz export anki` of the whole bank",
                    quiz(light, "export", "anki", "-o", str(apkg), before=lambda: apkg.unlink(missing_ok=True)),
                    python_c(light, "import typer, genanki"),
                    '`python -c "import typer, genanki"`',
                    1.5,
                )
            )
        else:
            notes.append("export: skipped, quizcli/export/anki.py does not exist yet")
    return out, notes


def measure(bench: Bench, runs: int, warmup: int, log: Callable[[str], None], verbose: bool = False) -> None:
    for i in range(warmup + runs):
        pair = [("baseline", bench.baseline), ("target", bench.target)]
        if i % 2:
            pair.reverse()
        for role, cmd in pair:
            elapsed = time_once(cmd)
            if i >= warmup:
                bench.times[role].append(elapsed)
    log(
        f"  {bench.name}: {bench.target_median * 1000:.0f} ms vs {bench.baseline_median * 1000:.0f} ms,"
        f" ratio {bench.ratio:.2f}x (goal {bench.goal}x)"
    )
    if verbose:
        for role in ("target", "baseline"):
            log(f"    {role:8} " + " ".join(f"{t * 1000:.0f}" for t in bench.times[role]))
        log("    ratio    " + " ".join(f"{r:.2f}" for r in bench.ratios))


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def table(results: list[Bench], markdown: bool) -> str:
    head = ["what", "median", "baseline (same run)", "baseline median", "ratio", "goal", ""]
    rows = [
        [
            b.what,
            fmt_ms(b.target_median),
            b.baseline_what,
            fmt_ms(b.baseline_median),
            f"{b.ratio:.2f}x",
            f"<= {b.goal}x",
            "pass" if b.ok else "FAIL",
        ]
        for b in results
    ]
    if markdown:
        lines = [
            "| " + " | ".join(head) + " |",
            "|" + "|".join(["---", "---:", "---", "---:", "---:", "---:", "---"]) + "|",
        ]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    plain = [[c.replace("`", "") for c in r] for r in [head, *rows]]
    widths = [max(len(r[i]) for r in plain) for i in range(len(head))]
    right = {1, 3, 4}
    out = []
    for n, r in enumerate(plain):
        out.append(
            "  ".join(
                c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def machine() -> str:
    """Date, interpreter, machine, load and the versions that matter, for the table's caption."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "quizcli"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit, dirty = "", ""
    pkgs = []
    for name in ("typer", "rich", "numpy"):
        try:
            pkgs.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    rev = f", commit {commit}{' + uncommitted quizcli changes' if dirty else ''}" if commit else ""
    return (
        f"{dt.date.today().isoformat()}, Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load}, {', '.join(pkgs)}{rev}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Speed benchmarks of quiz (ratios to baselines measured in the same run).")
    ap.add_argument("--quick", action="store_true", help="3 runs instead of 9 (for iterating)")
    ap.add_argument("--runs", type=int, help="timed runs per command, after one warm-up run (default 9)")
    ap.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="only these benchmarks (comma-separated or repeated): "
        "help, list, check, start, stats-big, start-big, export",
    )
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    ap.add_argument("-v", "--verbose", action="store_true", help="log every timing")
    ap.add_argument("--keep", action="store_true", help="keep the temporary QUIZ_HOMEs (their path is printed)")
    args = ap.parse_args(argv)
    runs = args.runs or (3 if args.quick else 9)
    if runs < 1:
        ap.error("--runs must be at least 1")
    known = {"help", "list", "check", "start", "stats-big", "start-big", "export"}
    wanted = None
    if args.only:
        wanted = {n.strip() for part in args.only for n in part.split(",") if n.strip()}
        if unknown := wanted - known:
            ap.error(f"unknown benchmark(s) {', '.join(sorted(unknown))}; names are {', '.join(sorted(known))}")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    sys.path.insert(0, str(HERE))
    work = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    try:
        log(f"setting up in {work} ...")
        todo, notes = benches(work, wanted, log)
        log(f"measuring: {runs} runs after 1 warm-up, target and baseline alternating")
        for bench in todo:
            measure(bench, runs, 1, log, args.verbose)
    except BenchError as exc:
        log(f"benchmark failed: {exc}")
        return 2
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"quiz speed: median of {runs} runs each ({machine()})")
    print()
    print(table(todo, args.markdown))
    print("\nratio: the median over the runs of target/baseline, the two timed back to back in each run.")
    for note in notes:
        print(f"\n{note}")
    return 1 if args.check and not all(b.ok for b in todo) else 0


if __name__ == "__main__":
    sys.exit(main())

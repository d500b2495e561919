"""Profile one `quiz` command the way run.py runs it: what it imports beyond a baseline, and where it spends time.

    python benchmarks/profile_cmd.py imports [--runs 7] [--baseline CODE] [--home big|empty] -- ARGS...
    python benchmarks/profile_cmd.py cprofile [--home big|empty] [--top 30] -- ARGS...

``imports`` runs ``python -X importtime -m quizcli ARGS`` several times (after one uncounted
warm-up run) and prints the median self time of every module the command imports and the
baseline (``python -c CODE``) does not, grouped by top-level package, then the heaviest of those
modules with the chain that imported them. ``cprofile`` runs the command once under cProfile
(after one warm-up run) and prints the functions with the most cumulative and self time.
``--home big`` uses a copy of the big database (100k cards, 1M reviews, see make_big_db.py);
``empty`` an empty one. Both homes get a warm bank cache first. ``--input FILE`` is fed to stdin
(default: nothing, so ``quiz start`` shows its first question and quits at end of input).
"""

from __future__ import annotations

import argparse
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402

_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def parse_importtime(text: str) -> list[tuple[str, int, int, int]]:
    """(module, self us, cumulative us, depth) in the order Python reports them (children first)."""
    rows = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            rows.append((m.group(4), int(m.group(1)), int(m.group(2)), (len(m.group(3)) - 1) // 2))
    return rows


def parents(rows: list[tuple[str, int, int, int]]) -> dict[str, str]:
    """Module -> the module whose import first imported it (importtime prints children before parents)."""
    out: dict[str, str] = {}
    pending: dict[int, list[str]] = defaultdict(list)
    for name, _s, _c, depth in rows:
        for child in pending.pop(depth + 1, []):
            out[child] = name
        pending[depth].append(name)
    return out


def importtimes(argv: list[str], home: Path, runs: int, stdin: bytes | None) -> tuple[dict, dict, dict]:
    selfs: dict[str, list[int]] = defaultdict(list)
    cums: dict[str, list[int]] = defaultdict(list)
    chain: dict[str, str] = {}
    for i in range(runs + 1):  # the first run warms the caches (bytecode, bank, export memo) and is not counted
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *argv[1:]],
            env=run.env_for(home),
            input=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=home,
        )
        rows = parse_importtime(proc.stderr.decode(errors="replace"))
        if i == 0:
            continue
        for name, s, c, _d in rows:
            selfs[name].append(s)
            cums[name].append(c)
        chain.update(parents(rows))

    # a module missing from a run counts as 0 there, so one imported only now and then drops out
    def med(xs: list[int]) -> float:
        return statistics.median(xs + [0] * (runs - len(xs)))

    self_med = {k: med(v) for k, v in selfs.items() if med(v) > 0}
    return self_med, {k: med(v) for k, v in cums.items() if k in self_med}, chain


def cmd_imports(args: argparse.Namespace, home: Path) -> None:
    target = [sys.executable, "-m", "quizcli", *args.args]
    base = [sys.executable, "-c", args.baseline]
    stdin = Path(args.input).read_bytes() if args.input else b""
    t_self, t_cum, chain = importtimes(target, home, args.runs, stdin)
    b_self, _b_cum, _ = importtimes(base, home, args.runs, None)
    extra = {m: s for m, s in t_self.items() if m not in b_self}
    total = sum(t_self.values())
    print(f"quiz {' '.join(args.args)}: {len(t_self)} modules, {total / 1000:.0f} ms of imports (median self sum);")
    print(
        f"baseline `python -c {args.baseline!r}`: {len(b_self)} modules, {sum(b_self.values()) / 1000:.0f} ms;"
        f" extra: {len(extra)} modules, {sum(extra.values()) / 1000:.0f} ms"
    )
    by_pkg: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for m, s in extra.items():
        by_pkg[m.split(".")[0]] += s
        count[m.split(".")[0]] += 1
    print("\nextra imports by top-level package (self time, median of runs):")
    for pkg, s in sorted(by_pkg.items(), key=lambda kv: -kv[1])[: args.top]:
        entry = next(m for m in extra if m.split(".")[0] == pkg and chain.get(m, "").split(".")[0] != pkg)
        via = [chain[entry]] if entry in chain else []
        while via and via[-1] in chain and len(via) < 4:
            via.append(chain[via[-1]])
        how = f", imported by {' <- '.join(via)}" if via else ""
        print(f"  {s / 1000:7.1f} ms  {pkg} ({count[pkg]} modules{how})")
    print("\nheaviest extra modules (self time):")
    for m in sorted(extra, key=lambda m: -extra[m])[: args.top // 2]:
        print(f"  {extra[m] / 1000:7.1f} ms  {m}")
    print("\nheaviest extra subtrees (cumulative) and who imported them:")
    roots = [m for m in extra if chain.get(m) not in extra]
    for m in sorted(roots, key=lambda m: -t_cum[m])[: args.top]:
        path = [m]
        while path[-1] in chain and len(path) < 8:
            path.append(chain[path[-1]])
        print(f"  {t_cum[m] / 1000:7.1f} ms  {' <- '.join(path)}")


def cmd_cprofile(args: argparse.Namespace, home: Path, work: Path) -> None:
    out = work / "profile.out"
    argv = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "quizcli", *args.args]
    stdin = Path(args.input).read_bytes() if args.input else b""
    for _ in range(2):  # warm-up (bytecode, caches), then the profiled run
        proc = subprocess.run(argv, env=run.env_for(home), input=stdin, capture_output=True, cwd=home)
    print(f"quiz {' '.join(args.args)}: exit {proc.returncode}")
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["imports", "cprofile"])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--home", choices=["empty", "big"], default="empty")
    ap.add_argument("--baseline", default="import typer, rich.console", help="python -c code to compare with")
    ap.add_argument("--input", help="a file fed to the command's stdin")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    args.args = argv[cut + 1 :]
    work = Path(tempfile.mkdtemp(prefix="quiz-prof-"))
    try:
        if args.home == "big":
            import make_big_db

            home = work / "home"
            make_big_db.install(make_big_db.big_db(log=lambda m: print(m, file=sys.stderr)), home)
            run.warm_bank_cache(home)
        else:
            home = run.make_empty_home(work / "home")
        if args.mode == "imports":
            cmd_imports(args, home)
        else:
            cmd_cprofile(args, home, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The command-line edge: the only module that prints, reads the terminal or exits.

Every command body parses options, calls one library function, and renders the
result. Library errors are :class:`~quizcli.errors.QuizError` subclasses; ``main``
turns them (and click's usage errors) into one stderr sentence and the exit code
from the contract (0 ok, 1 wrong answer, 2 bad usage/input, 130 interrupted).
"""

import contextlib
import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .errors import QuizError

app = typer.Typer(
    name="quiz",
    help="A command-line coach for deep-learning and machine-learning interviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: typer's rich help imports ~100 ms of markdown/syntax machinery
    context_settings={"help_option_names": ["-h", "--help"]},
)
export_app = typer.Typer(help="Export the bank to other tools.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(export_app, name="export")


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class Kind(str, Enum):
    open = "open"
    mcq = "mcq"
    numeric = "numeric"
    code = "code"


LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the questions.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _paths() -> Any:
    from .paths import Paths

    return Paths.from_env()


def _bank() -> Any:
    from .bank.loader import load_bank

    return load_bank(_paths())


def _emit_json(obj: Any) -> None:
    # indented only for a person at a terminal: indent= switches json to its slow pure-Python encoder
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=indent) + "\n")
    sys.stdout.flush()


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"quiz {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """A command-line coach for deep-learning and machine-learning interviews."""


@app.command("list")
def list_cmd(
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    kind: Annotated[Kind | None, typer.Option("--kind", help="Only this kind.")] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = Lang.en,
) -> None:
    """List the questions of the bank."""
    bank = _bank()
    _check_topic(bank, topic)
    questions = bank.select(topic, kind.value if kind else None)
    if as_json:
        if sys.stdout.isatty():
            _emit_json([q.to_json() for q in questions])
        else:
            sys.stdout.write(bank.list_json(questions) + "\n")
        return
    from .render import question_table

    passed = _passed_code() if kind == Kind.code else None
    console = _console()
    console.print(question_table(questions, lang.value, passed, width=console.width))
    console.print(f"[dim]{len(questions)} question(s)[/]")


def _passed_code() -> set[str]:
    from .store import Store

    with Store.open(_paths().db, create=False) as store:
        return store.passed_code_questions() if store else set()


def _check_topic(bank: Any, topic: str | None) -> None:
    if topic is not None and topic not in bank.topics:
        from .errors import UsageError

        raise UsageError(f"unknown topic {topic!r}; topics are: {', '.join(bank.topics)}")


@app.command("show")
def show_cmd(
    question_id: Annotated[str, typer.Argument(metavar="ID", help="Question id, e.g. activations.softmax.")],
    lang: LangOpt = Lang.en,
    as_json: JsonOpt = False,
    no_answer: Annotated[bool, typer.Option("--no-answer", help="Hide the answer.")] = False,
) -> None:
    """Show one question with its answer."""
    q = _bank().get(question_id)
    if as_json:
        _emit_json(q.to_json())
        return
    from .render import question_view

    _console().print(question_view(q, lang.value, with_answer=not no_answer))


@app.command("validate")
def validate_cmd(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATH]...", help="Question files or folders (default: every bank quiz loads)."),
    ] = None,
) -> None:
    """Check question files (exit 2 with file:line messages).

    Default: every bank quiz loads.
    """
    from .bank.loader import bank_roots, validate_paths

    targets = list(paths) if paths else [root for root, _ in bank_roots(_paths())]
    problems = validate_paths(targets)
    if problems:
        for p in problems:
            sys.stderr.write(f"quiz: {p}\n")
        raise typer.Exit(2)
    sys.stdout.write("valid\n")


@app.command("check")
def check_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Your answer: a Python file defining the function.")],
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="Question id or function name (else found from FILE).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (see cli.md).")] = False,
    no_record: Annotated[bool, typer.Option("--no-record", help="Do not record this check as a review.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.5, max=600, help="Seconds for the whole run of the answer.")
    ] = 10.0,
    lang: LangOpt = Lang.en,
    watch: Annotated[bool, typer.Option("--watch", help="Re-grade whenever FILE is saved; Ctrl-C ends.")] = False,
    show_solution: Annotated[
        bool, typer.Option("--show-solution", help="Show the reference solution (a failed check then counts as Again).")
    ] = False,
) -> None:
    """Grade a code answer in a sandbox.

    Exit 0 when every case passes, 1 otherwise, 2 when no question can be identified.
    """
    from .grader.check import grade, identify, prestart, read_answer

    paths = _paths()
    source = read_answer(file)
    child = None if watch else prestart(file, source, timeout)  # overlaps the child's start with ours
    if child is not None:
        import threading

        # NumPy's import (needed to check the values) partly overlaps the bank's loading
        threading.Thread(target=__import__, args=("numpy",), daemon=True).start()
    try:
        q = identify(file, source, _bank(), question)
    except BaseException:
        if child is not None:
            child.abort()
        raise
    if watch:
        raise typer.Exit(_watch(paths, file, q, timeout, lang.value, no_record, show_solution))
    report = grade(
        file, source, q, timeout=timeout, failures_dir=paths.cache / "failures", child=child, cache_dir=paths.cache
    )
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(lang.value), ensure_ascii=False) + "\n")
    else:
        from .render import check_report

        console = _console()
        console.print(check_report(report, lang.value))
        if show_solution:
            _print_solution(console, q)
    if not no_record:
        _record_check(paths, report, solution_seen=show_solution)
    raise typer.Exit(0 if report.verdict == "pass" else 1)


def _print_solution(console: Any, q: Any) -> None:
    from rich.syntax import Syntax

    from .starter import reference_source

    console.print(Syntax(reference_source(q), "python", theme="monokai", line_numbers=False))


def _record_check(paths: Any, report: Any, solution_seen: bool = False) -> None:
    from .progress import record_check

    record_check(paths, report, solution_seen=solution_seen)


def _watch(paths: Any, file: Path, q: Any, timeout: float, lang: str, no_record: bool, show_solution: bool) -> int:
    """Re-grade on every save (mtime polling, no busy loop); one review is recorded when the watch ends."""
    import time

    from .grader.check import grade, read_answer
    from .render import check_report

    console = _console()
    report = None
    last_mtime: float | None = None
    try:
        while True:
            try:
                mtime = file.stat().st_mtime_ns
            except OSError:
                mtime = None
            if mtime is not None and mtime != last_mtime:
                last_mtime = mtime
                try:
                    source = read_answer(file)
                except QuizError as exc:
                    console.print(f"[red]{exc}[/]")
                else:
                    report = grade(
                        file, source, q, timeout=timeout, failures_dir=paths.cache / "failures", cache_dir=paths.cache
                    )
                    console.clear()
                    console.print(check_report(report, lang))
                    if show_solution:
                        _print_solution(console, q)
                    console.print(f"[dim]watching {file} — save to re-grade, Ctrl-C to stop[/]")
            time.sleep(0.25)
    except KeyboardInterrupt:
        if report is not None and not no_record:
            _record_check(paths, report, solution_seen=show_solution)
        return 130


@app.command("hint")
def hint_cmd(
    question_id: Annotated[str, typer.Argument(metavar="ID", help="Question id or function name.")],
    lang: LangOpt = Lang.en,
) -> None:
    """Reveal the next hint of a question.

    Hints used make a correct answer count as Hard.
    """
    import time

    from .errors import UsageError
    from .render import markdown
    from .store import Store

    bank = _bank()
    q = bank.questions.get(question_id) or bank.by_function(question_id)
    if q is None:
        raise UsageError(f"there is no question {question_id!r} (see `quiz list`)")
    if not q.hints:
        sys.stdout.write(f"{q.id} has no hints\n")
        return
    with Store.open(_paths().db) as store:
        assert store is not None
        shown = store.hints_since_review(q.id)
        if shown < len(q.hints):
            shown = store.reveal_hint(q.id, time.time())
    console = _console()
    for i in range(max(1, min(shown, len(q.hints)))):
        console.print(markdown(f"**{i + 1}/{len(q.hints)}** " + q.hints[i][lang.value]))


@app.command("interview")
def interview_cmd(
    minutes: Annotated[float, typer.Option("--minutes", min=0.01, help="Length of the interview.")] = 45.0,
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language (default: config).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Reproducible choice among equals.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Also write the report as Markdown.")] = None,
) -> None:
    """A timed mock interview with a scored report.

    Your weakest concepts and a code question, a countdown, then a report (Markdown with -o).
    """
    code = _run_interview(
        _paths(),
        _bank(),
        _console(),
        minutes=minutes,
        topic=topic,
        seed=seed,
        lang=lang.value if lang else None,
        output=output,
    )
    raise typer.Exit(code)


class ExportLang(str, Enum):
    en = "en"
    zh = "zh"
    both = "both"


@export_app.command("anki")
def export_anki_cmd(
    output: Annotated[Path, typer.Option("-o", "--output", help="The .apkg file to write.")],
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    lang: Annotated[ExportLang, typer.Option("--lang", help="Card language(s).")] = ExportLang.both,
    with_progress: Annotated[
        bool, typer.Option("--with-progress", help="Carry your FSRS scheduling and review log into Anki.")
    ] = False,
) -> None:
    """Write an Anki package of the bank; re-exporting updates the same notes in Anki."""
    from .export.anki import export_anki

    bank = _bank()
    _check_topic(bank, topic)
    result = export_anki(
        paths=_paths(), bank=bank, out=output, topic=topic, lang=lang.value, with_progress=with_progress
    )
    sys.stdout.write(f"wrote {result.path}: {result.notes} notes in {result.decks} deck(s)\n")


@app.command("new")
def new_cmd(
    question: Annotated[str, typer.Argument(metavar="FUNC_OR_ID", help="A catalogue function or code question id.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File or folder (default: ./FUNC.py).")] = None,
) -> None:
    """Write a starter file for a code question."""
    from .errors import UsageError
    from .starter import write_starter

    bank = _bank()
    q = bank.questions.get(question) or bank.by_function(question)
    if q is None:
        raise UsageError(f"there is no code question or function {question!r} (see `quiz list --kind code`)")
    target = write_starter(q, output or Path.cwd())
    sys.stdout.write(f"wrote {target}; when it is ready: quiz check {target}\n")


@app.command("stats")
def stats_cmd(as_json: JsonOpt = False) -> None:
    """Your progress and what is due.

    Reviews, cards seen, due now and within 7 days, retention by topic, streak.
    """
    import time

    from .store import Store

    with Store.open(_paths().db, create=False) as store:
        data = store.stats(time.time()) if store else _empty_stats()
    if as_json:
        _emit_json(data)
        return
    from .render import stats_view

    _console().print(stats_view(data))


def _empty_stats() -> dict[str, Any]:
    return {
        "reviews": 0,
        "cards_seen": 0,
        "due_now": 0,
        "due_7_days": 0,
        "streak_days": 0,
        "reviews_last_30_days": [0] * 30,
        "by_topic": {},
    }


@app.command("config")
def config_cmd(
    key: Annotated[str | None, typer.Argument(metavar="[KEY]", help="Setting to show or change.")] = None,
    value: Annotated[str | None, typer.Argument(metavar="[VALUE]", help="New value.")] = None,
) -> None:
    """Show or change settings.

    Settings: desired_retention, new_per_day, lang, fuzz, fast_seconds_1..3.
    """
    from dataclasses import asdict

    from .config import load_config, set_value

    paths = _paths()
    config = set_value(paths, key, value) if key and value is not None else load_config(paths)
    items = asdict(config)
    if key and key not in items:
        from .errors import UsageError

        raise UsageError(f"unknown setting {key!r}; settings are: {', '.join(items)}")
    for k, v in items.items():
        if key is None or k == key:
            sys.stdout.write(f"{k} = {v}\n")


@app.command("flagged")
def flagged_cmd() -> None:
    """Questions you flagged during a session."""
    from datetime import datetime

    from .store import Store

    with Store.open(_paths().db, create=False) as store:
        rows = store.flagged() if store else []
    for qid, when, reason in rows:
        sys.stdout.write(f"{datetime.fromtimestamp(when):%Y-%m-%d %H:%M}  {qid}  {reason}\n")
    if not rows:
        sys.stdout.write("no flagged questions\n")


progress_app = typer.Typer(help="Move your progress between machines.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(progress_app, name="progress")


@progress_app.command("export")
def progress_export(file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON file to write.")]) -> None:
    """Write your whole review log (and suspensions, flags) as JSON."""
    from .store import Store, dumps_progress

    with Store.open(_paths().db) as store:
        assert store is not None
        text = dumps_progress(store.export())
    tmp = file.with_name(file.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(file)
    except OSError as exc:
        from .errors import UsageError

        raise UsageError(f"cannot write {file} ({exc.strerror or exc})") from None
    sys.stdout.write(f"wrote {file}\n")


@progress_app.command("import")
def progress_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by `quiz progress export`.")],
) -> None:
    """Merge an exported review log (idempotent: reviews already present are skipped)."""
    from .config import load_config
    from .errors import UsageError
    from .progress import replayer
    from .store import Store

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"cannot read {file} as a progress export ({exc})") from None
    paths = _paths()
    with Store.open(paths.db) as store:
        assert store is not None
        added = store.import_reviews(data, replayer(load_config(paths)))
    sys.stdout.write(f"imported {added} new review(s)\n")


@app.command("reset")
def reset_cmd(
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Forget your progress (asks first, keeps a backup)."""
    from .store import Store

    what = f"your progress on {topic}" if topic else "all your progress"
    if not yes and not typer.confirm(f"Forget {what}?", default=False):
        raise typer.Exit(1)
    with Store.open(_paths().db) as store:
        assert store is not None
        backup = store.backup("bak-reset")
        n = store.reset(topic)
    sys.stdout.write(f"removed {n} review(s); backup at {backup}\n")


@app.command("start")
def start_cmd(
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most N questions.")] = None,
    new: Annotated[int | None, typer.Option("--new", min=0, help="At most N new questions (default: config).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Reproducible order of new questions.")] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language (default: config).")] = None,
) -> None:
    """Practice: due questions, then new ones.

    Every answer is saved at once; q quits, Ctrl-C too.
    """
    raise typer.Exit(
        _run_session(
            _paths(),
            _bank(),
            _console(),
            topic=topic,
            limit=limit,
            new=new,
            seed=seed,
            lang=lang.value if lang else None,
        )
    )


UI = {
    "en": {
        "mcq": "Your answer (letter; h hint, s suspend, f flag, u undo, q quit)",
        "numeric": "Your answer (a number; h hint, s suspend, f flag, u undo, q quit)",
        "open": "Press Enter to see the answer (h hint, s suspend, f flag, u undo, q quit)",
        "rate": "How well did you know it? 1 again, 2 hard, 3 good, 4 easy",
        "code": "Path of your answer to grade, n to write a starter file, e to edit it, Enter to skip (h, s, f, u, q)",
        "right": "Correct",
        "wrong": "Not quite",
        "skipped": "skipped",
        "nothing": "Nothing is due and no new questions are left.",
        "summary": "Answered {answered}, correct {correct}.",
        "next": "Next review due {when}.",
        "bye": "Saved. See you next time.",
        "suspended": "Suspended; it will not be asked again.",
        "flag_reason": "What is wrong or unclear? (Enter to flag without a note)",
        "flagged": "Flagged (see `quiz flagged`).",
        "undone": "Undid your answer to {id}; answer it again.",
        "no_undo": "Nothing to undo.",
        "no_hint": "No more hints.",
        "bad": "Please answer with {what}.",
        "letter": "a letter",
        "number": "a number",
        "rating": "1, 2, 3 or 4",
        "wrote": "Wrote {path}; edit it, then enter its path.",
        "hint": "Hint",
        "left": "left",
        "time_up": "Time is up.",
        "report_written": "Report written to {path}.",
        "due": "due",
        "new": "new",
        "due_left": "due left",
    },
    "zh": {
        "mcq": "你的答案（字母；h 提示，s 暂停此题，f 标记问题，u 撤销，q 退出）",
        "numeric": "你的答案（数字；h 提示，s 暂停此题，f 标记问题，u 撤销，q 退出）",
        "open": "按回车查看答案（h 提示，s 暂停此题，f 标记问题，u 撤销，q 退出）",
        "rate": "掌握得如何？1 忘了，2 困难，3 良好，4 简单",
        "code": "输入答案文件路径进行评测，n 生成模板文件，e 编辑，回车跳过（h、s、f、u、q）",
        "right": "回答正确",
        "wrong": "回答错误",
        "skipped": "已跳过",
        "nothing": "没有到期的题目，也没有新题了。",
        "summary": "共回答 {answered} 题，正确 {correct} 题。",
        "next": "下次复习时间：{when}。",
        "bye": "已保存，下次见。",
        "suspended": "已暂停，此题不会再出现。",
        "flag_reason": "哪里有错或不清楚？（直接回车则只做标记）",
        "flagged": "已标记（见 `quiz flagged`）。",
        "undone": "已撤销对 {id} 的回答，请重新作答。",
        "no_undo": "没有可撤销的回答。",
        "no_hint": "没有更多提示了。",
        "bad": "请输入{what}。",
        "letter": "选项字母",
        "number": "数字",
        "rating": "1、2、3 或 4",
        "wrote": "已生成 {path}；编辑后输入其路径。",
        "hint": "提示",
        "left": "剩余",
        "time_up": "时间到。",
        "report_written": "报告已写入 {path}。",
        "due": "到期",
        "new": "新题",
        "due_left": "道到期题待复习",
    },
}


class _TimeUp(Exception):
    """The interview's clock ran out (raised from a SIGALRM handler)."""


def _ask_one(
    console: Any, q: Any, lang: str, session: Any, paths: Any, *, label: str, allow_undo: bool = True
) -> tuple[str, dict[str, Any]]:
    """Ask one question in the terminal. Returns (action, outcome); action is next, quit or undo."""
    import os
    import shlex
    import subprocess
    import time

    from rich.rule import Rule

    from .render import answer_view, choices, header, markdown
    from .scheduler import Rating
    from .session import mcq_index, numeric_correct, parse_number

    t = UI[lang]
    console.print(Rule(label, style="dim"))
    console.print(header(q, lang))
    console.print(markdown(q.prompt[lang]))
    if q.kind == "mcq":
        console.print(choices(q, lang))
    hints = 0
    start = time.monotonic()
    outcome: dict[str, Any] = {"id": q.id, "kind": q.kind, "topic": q.topic, "result": "unanswered", "hints": 0}
    while True:
        reply = _ask(console, t[q.kind])
        cmd = reply.strip().lower()
        outcome["seconds"] = time.monotonic() - start
        outcome["hints"] = hints
        if cmd == "q":
            return "quit", outcome
        if cmd == "u" and allow_undo:
            last = session.undo()
            if last is None:
                console.print(t["no_undo"])
                continue
            console.print(t["undone"].format(id=last.question.id))
            outcome["undone"] = last.question
            return "undo", outcome
        if cmd == "s":
            session.suspend(q)
            console.print(t["suspended"])
            outcome["result"] = "suspended"
            return "next", outcome
        if cmd == "f":
            session.flag(q, _ask(console, t["flag_reason"]).strip())
            console.print(t["flagged"])
            continue
        if cmd == "h":
            if hints < len(q.hints):
                console.print(markdown(f"**{t['hint']} {hints + 1}/{len(q.hints)}:** " + q.hints[hints][lang]))
                hints += 1
            else:
                console.print(t["no_hint"])
            continue
        seconds = time.monotonic() - start
        if q.kind in ("mcq", "numeric"):
            if q.kind == "mcq":
                picked = mcq_index(cmd, q)
                if picked is None:
                    console.print(t["bad"].format(what=t["letter"]))
                    continue
                correct = picked == q.correct_index
            else:
                value = parse_number(cmd)
                if value is None:
                    console.print(t["bad"].format(what=t["number"]))
                    continue
                picked = None
                correct = numeric_correct(q, value)
            done = session.answer_auto(q, correct, seconds, hints)
            _verdict(console, t, correct)
            for part in answer_view(q, lang, picked=picked):
                console.print(part)
            outcome.update(result="correct" if correct else "wrong", rating=int(done.rating), seconds=seconds)
            return "next", outcome
        if q.kind == "open":
            for part in answer_view(q, lang):
                console.print(part)
            while True:
                r = _ask(console, t["rate"]).strip().lower()
                if r in ("1", "2", "3", "4"):
                    break
                if r == "q":
                    return "quit", outcome
                console.print(t["bad"].format(what=t["rating"]))
            rating = Rating(int(r))
            if hints and rating > Rating.hard:
                rating = Rating.hard  # a recall helped by hints is at best Hard
            session.answer(q, rating, time.monotonic() - start, hints=hints)
            outcome.update(result=f"self-rated {int(rating)}", rating=int(rating), seconds=seconds)
            return "next", outcome
        # code
        if cmd == "":
            console.print(t["skipped"])
            outcome["result"] = "skipped"
            return "next", outcome
        if cmd in ("n", "e"):
            from .starter import write_starter

            target = Path.cwd() / f"{q.function}.py"
            if not target.exists():
                write_starter(q, target)
                console.print(t["wrote"].format(path=target))
            if cmd == "e":
                editor = os.environ.get("EDITOR") or os.environ.get("VISUAL") or "vi"
                subprocess.call([*shlex.split(editor), str(target)])
            continue
        from .grader.check import grade, read_answer
        from .progress import code_rating
        from .render import check_report

        answer_path = Path(reply.strip()).expanduser()
        try:
            source = read_answer(answer_path)
        except QuizError as exc:
            console.print(f"[red]{exc}[/]")
            continue
        report = grade(answer_path, source, q, failures_dir=paths.cache / "failures", cache_dir=paths.cache)
        console.print(check_report(report, lang))
        rating = code_rating(report.verdict, hints)
        session.answer(
            q, rating, time.monotonic() - start, correct=report.verdict == "pass", verdict=report.verdict, hints=hints
        )
        outcome.update(result=report.verdict, rating=int(rating), seconds=time.monotonic() - start)
        return "next", outcome


@contextlib.contextmanager
def _practice(paths: Any, bank: Any, topic: str | None, lang: str | None, seed: int | None) -> Iterator[Any]:
    """What `start` and `interview` share: the topic checked, the config, an open store, a session."""
    import random
    from datetime import UTC, datetime

    from .config import load_config
    from .session import Session
    from .store import Store

    _check_topic(bank, topic)
    config = load_config(paths)
    with Store.open(paths.db) as store:
        assert store is not None
        yield Session(store, config, lambda: datetime.now(tz=UTC)), lang or config.lang, random.Random(seed)


def _run_session(
    paths: Any,
    bank: Any,
    console: Any,
    *,
    topic: str | None,
    limit: int | None,
    new: int | None,
    seed: int | None,
    lang: str | None,
) -> int:
    """The interactive loop of `quiz start` (terminal I/O only; the logic lives in session.py)."""
    from .session import build_queue

    with _practice(paths, bank, topic, lang, seed) as (session, lang, rng):
        t = UI[lang]
        store, config = session.store, session.config
        queue = build_queue(bank, store, config, session.now(), rng, topic=topic, limit=limit, new_limit=new)
        if not queue:
            console.print(t["nothing"])
            return 0
        seen = store.seen_ids(among=[q.id for q in queue])
        i = 0
        while i < len(queue):
            q = queue[i]
            due_left = sum(1 for later in queue[i:] if later.id in seen)
            label = f"{i + 1}/{len(queue)} · {t['due'] if q.id in seen else t['new']} · {due_left} {t['due_left']}"
            action, outcome = _ask_one(console, q, lang, session, paths, label=label)
            if action == "quit":
                break
            if action == "undo":
                queue.insert(i, outcome["undone"])
                continue
            i += 1
        summary = session.summary()
    _print_summary(console, t, summary)
    return 0


def _print_summary(console: Any, t: dict[str, str], summary: dict[str, Any]) -> None:
    from datetime import datetime

    from rich.rule import Rule

    console.print(Rule(style="dim"))
    console.print(t["summary"].format(**summary))
    if summary.get("next_due"):
        when = datetime.fromtimestamp(float(summary["next_due"])).strftime("%Y-%m-%d %H:%M")
        console.print(t["next"].format(when=when))
    console.print(t["bye"])


def _run_interview(
    paths: Any,
    bank: Any,
    console: Any,
    *,
    minutes: float,
    topic: str | None,
    seed: int | None,
    lang: str | None,
    output: Path | None,
) -> int:
    """`quiz interview`: a timed mock interview, then a scored report (terminal I/O only)."""
    import signal
    import time

    from .interview import build_report, pick_questions, report_markdown

    outcomes: list[dict[str, Any]] = []
    with _practice(paths, bank, topic, lang, seed) as (session, lang, rng):
        t = UI[lang]
        store, config = session.store, session.config
        questions = pick_questions(bank, store, config, session.now(), rng, minutes=minutes, topic=topic)
        deadline = time.monotonic() + minutes * 60

        def time_up(signum: int, frame: Any) -> None:
            raise _TimeUp

        old = signal.signal(signal.SIGALRM, time_up)
        signal.setitimer(signal.ITIMER_REAL, max(0.01, minutes * 60))
        started = time.monotonic()
        try:
            for i, q in enumerate(questions):
                left = max(0, int(deadline - time.monotonic()))
                label = f"{i + 1}/{len(questions)} · ⏱ {left // 60:02d}:{left % 60:02d} {t['left']}"
                try:
                    action, outcome = _ask_one(console, q, lang, session, paths, label=label, allow_undo=False)
                except _TimeUp:
                    outcomes.append(
                        {"id": q.id, "kind": q.kind, "topic": q.topic, "result": "time up", "seconds": 0.0, "hints": 0}
                    )
                    console.print(f"\n[bold yellow]{t['time_up']}[/]")
                    break
                outcomes.append(outcome)
                if action == "quit":
                    break
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        elapsed = time.monotonic() - started
        asked = {o["id"] for o in outcomes}
        for q in questions:  # the report lists every question, asked or not
            if q.id not in asked:
                outcomes.append(
                    {"id": q.id, "kind": q.kind, "topic": q.topic, "result": "not reached", "seconds": 0.0, "hints": 0}
                )
        report = build_report(outcomes, minutes=minutes, elapsed=elapsed)
    from .render import interview_view

    console.print(interview_view(report, lang))
    if output is not None:
        try:
            output.write_text(report_markdown(report, lang), encoding="utf-8")
        except OSError as exc:
            from .errors import UsageError

            raise UsageError(f"cannot write {output} ({exc.strerror or exc})") from None
        console.print(t["report_written"].format(path=output))
    return 0


def _ask(console: Any, prompt: str) -> str:
    try:
        return str(console.input(f"[bold]{prompt}[/] › "))
    except EOFError:
        return "q"


def _verdict(console: Any, t: dict[str, str], correct: bool) -> None:
    console.print(f"[bold green]✓ {t['right']}[/]" if correct else f"[bold red]✗ {t['wrong']}[/]")


def _say_error(message: str) -> None:
    message = " ".join(message.split())
    sys.stderr.write(f"quiz: {message}\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:  # typer >= 0.20 vendors click; older ones use the click package
        from typer._click import exceptions as cx
    except ImportError:  # pragma: no cover
        from click import exceptions as cx  # type: ignore[no-redef]

    try:
        code = app(args=argv, prog_name="quiz", standalone_mode=False)
    except QuizError as exc:
        _say_error(str(exc))
        code = exc.exit_code
    except cx.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "quiz"
        hint = f" (see `{command} --help`)"
        _say_error(exc.format_message().rstrip(".") + hint)
        code = 2
    except cx.ClickException as exc:
        _say_error(exc.format_message())
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt, getattr(cx, "Abort", KeyboardInterrupt)):
        sys.stderr.write("\n")
        code = 130
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    sys.exit(code if isinstance(code, int) else 0)

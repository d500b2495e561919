"""The command-line edge: the only module that prints, reads the terminal or exits.

Every command body parses options, calls one library function, and renders the
result. Library errors are :class:`~quizcli.errors.QuizError` subclasses; ``main``
turns them (and click's usage errors) into one stderr sentence and the exit code
from the contract (0 ok, 1 wrong answer, 2 bad usage/input, 130 interrupted).
"""

from __future__ import annotations

import json
import sys
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
    context_settings={"help_option_names": ["-h", "--help"]},
)
export_app = typer.Typer(help="Export the bank to other tools.", no_args_is_help=True)
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
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
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
        _emit_json([q.to_json() for q in questions])
        return
    from .render import question_table

    passed = _passed_code(questions) if kind == Kind.code else None
    console = _console()
    console.print(question_table(questions, lang.value, passed))
    console.print(f"[dim]{len(questions)} question(s)[/]")


def _passed_code(questions: list[Any]) -> set[str]:
    try:
        from .store import Store
    except ImportError:  # the progress store is not part of this build yet
        return set()
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
        list[Path] | None, typer.Argument(help="Question files or folders (default: every bank quiz loads).")
    ] = None,
) -> None:
    """Check question files against the bank format; exit 2 with file:line messages if any is invalid."""
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
    file: Annotated[Path, typer.Argument(help="Your answer: a Python file defining the function.")],
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="Question id or function name (else found from FILE).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (see cli.md).")] = False,
    no_record: Annotated[bool, typer.Option("--no-record", help="Do not record this check as a review.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.5, max=600, help="Seconds for the whole run of the answer.")
    ] = 10.0,
    lang: LangOpt = Lang.en,
) -> None:
    """Grade a code answer in a sandbox; exit 0 when every case passes, 1 otherwise."""
    from .grader.check import grade, identify, read_answer

    paths = _paths()
    source = read_answer(file)
    q = identify(file, source, _bank(), question)
    report = grade(file, source, q, timeout=timeout, failures_dir=paths.cache / "failures")
    if not no_record:
        _record_check(paths, report)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(lang.value), ensure_ascii=False) + "\n")
    else:
        from .render import check_report

        _console().print(check_report(report, lang.value))
    raise typer.Exit(0 if report.verdict == "pass" else 1)


def _record_check(paths: Any, report: Any) -> None:
    try:
        from .store import record_check
    except ImportError:  # the progress store is not part of this build yet
        return
    record_check(paths, report)


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

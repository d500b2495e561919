"""Rich renderables for questions, lists and reports. Nothing here prints."""

from __future__ import annotations

from typing import Any

from .models import LETTERS, Question
from .textmath import math_to_text

KIND_STYLE = {"open": "cyan", "mcq": "magenta", "numeric": "yellow", "code": "green"}
LABELS = {
    "en": {
        "answer": "Answer",
        "explanation": "Explanation",
        "sources": "Sources",
        "choices": "Choices",
        "correct": "Correct",
        "hint": "Hint",
        "notes": "Correction of the notes",
        "tolerance": "tolerance",
        "function": "Function",
        "difficulty": "difficulty",
    },
    "zh": {
        "answer": "答案",
        "explanation": "解析",
        "sources": "出处",
        "choices": "选项",
        "correct": "正确答案",
        "hint": "提示",
        "notes": "笔记勘误",
        "tolerance": "容差",
        "function": "函数",
        "difficulty": "难度",
    },
}


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"])[key]


def markdown(text: str) -> Any:
    """Question prose (the bank's Markdown subset), rendered without importing markdown-it."""
    from .prose import render

    return render(text)


def full_markdown(text: str) -> Any:
    """Any Markdown (tables too), through rich's renderer."""
    from rich.markdown import Markdown

    return Markdown(math_to_text(text.strip()), code_theme="monokai")


def header(q: Question, lang: str) -> Any:
    from rich.text import Text

    stars = "★" * q.difficulty + "☆" * (3 - q.difficulty)
    t = Text()
    t.append(q.id, style="bold")
    t.append("  ")
    t.append(q.kind, style=KIND_STYLE.get(q.kind, ""))
    t.append(f"  {q.topic}  {stars}", style="dim")
    return t


def choices(q: Question, lang: str, marked: int | None = None, reveal: bool = False) -> Any:
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold")
    table.add_column()
    for i, c in enumerate(q.choices):
        style = ""
        if reveal and i == q.correct_index:
            style = "green"
        elif reveal and marked == i:
            style = "red"
        table.add_row(f"{LETTERS[i]})", markdown(c[lang]) if not style else _styled(c[lang], style))
    return table


def _styled(text: str, style: str) -> Any:
    from rich.text import Text

    return Text(math_to_text(text.strip()), style=style)


def question_view(q: Question, lang: str, with_answer: bool = True) -> Any:
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule

    parts: list[Any] = [header(q, lang), Padding(markdown(q.prompt[lang]), (1, 0, 0, 0))]
    if q.kind == "mcq":
        parts.append(Padding(choices(q, lang, reveal=with_answer), (1, 0, 0, 2)))
    if with_answer:
        parts.extend(answer_view(q, lang))
    parts.append(Rule(style="dim"))
    parts.append(
        _styled(f"{label(lang, 'sources')}{colon(lang)}" + "; ".join(source_text(s) for s in q.sources), "dim")
    )
    return Group(*parts)


def answer_view(q: Question, lang: str, picked: int | None = None) -> list[Any]:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    out: list[Any] = [Rule(label(lang, "answer"), style="green", align="left")]
    if q.kind == "mcq" and q.correct_index is not None:
        right = q.choices[q.correct_index]
        out.append(
            Text(f"{label(lang, 'correct')}{colon(lang)}{q.correct}) " + math_to_text(right[lang]), style="green")
        )
        if picked is not None and picked != q.correct_index and q.choices[picked].get("why"):
            out.append(Text(f"{LETTERS[picked]}) " + math_to_text(q.choices[picked]["why"][lang]), style="red"))
    if q.kind == "numeric":
        unit = f" {q.unit}" if q.unit else ""
        out.append(Text(f"{q.value:g}{unit}  (± {q.tolerance:g})", style="green"))
    out.append(Padding(markdown(q.answer[lang]), (0, 0, 0, 0)))
    if q.explanation:
        out.append(Rule(label(lang, "explanation"), style="blue", align="left"))
        out.append(markdown(q.explanation[lang]))
    for note in q.notes:
        out.append(Rule(label(lang, "notes"), style="yellow", align="left"))
        out.append(markdown(note["correction"][lang] + f"\n\n*{note['ref']}*"))
    return out


def source_text(s: dict[str, str]) -> str:
    if "ref" in s:
        return s["ref"]
    return f"{s['seed']} § {s['section']}"


def question_table(questions: list[Question], lang: str, passed: set[str] | None = None, width: int = 100) -> Any:
    """One line per question: id, kind, difficulty, [done], and the prompt's first line cut to fit."""
    from rich.console import Group
    from rich.text import Text

    id_width = min(44, max((len(q.id) for q in questions), default=2))
    lines = []
    head = Text(
        f"{'id':<{id_width}}  {'kind':<7}  ★  " + ("done " if passed is not None else "") + "prompt", style="bold"
    )
    lines.append(head)
    for q in questions:
        first = math_to_text(q.prompt[lang].strip().splitlines()[0]) if q.prompt[lang].strip() else ""
        line = Text(f"{q.id[:id_width]:<{id_width}}  ")
        line.append(f"{q.kind:<7}", style=KIND_STYLE.get(q.kind, ""))
        line.append(f"  {q.difficulty}  ")
        if passed is not None:
            line.append(
                " ✓   " if q.id in passed else (" ·   " if q.kind == "code" else "     "),
                style="green" if q.id in passed else "dim",
            )
        room = max(10, width - line.cell_len)
        prompt = Text(first)
        prompt.truncate(room, overflow="ellipsis")
        line.append_text(prompt)
        line.no_wrap = True
        lines.append(line)
    return Group(*lines)


STATUS_STYLE = {"pass": "green", "fail": "red", "error": "red", "timeout": "yellow"}
STATUS_MARK = {"pass": "✓", "fail": "✗", "error": "!", "timeout": "⏱"}
REPORT_TEXT = {
    "en": {
        "passed": "passed",
        "inputs": "inputs",
        "expected": "expected",
        "got": "got",
        "hint": "Known mistake",
        "output": "What your answer printed",
        "truncated": "(truncated)",
        "repro": "Reproduce the first failure",
        "all": "All {n} cases passed.",
        "verdict": "verdict",
    },
    "zh": {
        "passed": "通过",
        "inputs": "输入",
        "expected": "期望",
        "got": "实际",
        "hint": "常见错误",
        "output": "你的代码输出",
        "truncated": "(已截断)",
        "repro": "复现第一个失败用例",
        "all": "全部 {n} 个用例通过。",
        "verdict": "结果",
    },
}


def check_report(report: Any, lang: str) -> Any:
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.text import Text

    t = REPORT_TEXT.get(lang, REPORT_TEXT["en"])
    parts: list[Any] = []
    title = Text()
    title.append(f"{report.question.id}", style="bold")
    title.append(f"  {report.question.function}()  ", style="dim")
    style = STATUS_STYLE.get(report.verdict, "")
    title.append(f"{report.verdict.upper()}", style=f"bold {style}")
    title.append(f"  {report.passed}/{report.total} {t['passed']}  ({report.seconds:.2f} s)", style="dim")
    parts.append(title)
    first_bad = True
    for c in report.cases:
        line = Text("  ")
        line.append(STATUS_MARK.get(c.status, "?"), style=STATUS_STYLE.get(c.status, ""))
        line.append(f" {c.name}")
        if c.status != "pass" and c.message:
            line.append(f" — {c.message}", style=STATUS_STYLE.get(c.status, ""))
        parts.append(line)
        if c.status != "pass" and first_bad and not c.message.startswith("not run"):
            first_bad = False
            detail = Text()
            if c.inputs:
                detail.append(f"{t['inputs']}: ", style="bold")
                detail.append(c.inputs + "\n")
            if c.expected:
                detail.append(f"{t['expected']}: ", style="bold")
                detail.append(c.expected + "\n")
            if c.got:
                detail.append(f"{t['got']}: ", style="bold")
                detail.append(c.got + "\n")
            for w in c.warnings:
                detail.append(w + "\n", style="yellow")
            if detail.plain.strip():
                parts.append(Padding(detail, (0, 0, 0, 6)))
    if report.verdict == "pass":
        parts.append(Text(t["all"].format(n=report.total), style="green"))
    for w in report.warnings:
        parts.append(Text(f"⚠ {w}", style="yellow"))
    if report.hint:
        parts.append(Panel(markdown(report.hint[lang]), title=t["hint"], border_style="yellow", expand=False))
    if report.repro:
        parts.append(Text(t["repro"] + ":", style="bold"))
        parts.append(Syntax("\n".join(report.repro), "python", theme="monokai", word_wrap=True))
    if report.output.strip():
        suffix = f" {t['truncated']}" if report.output_truncated else ""
        parts.append(
            Panel(Text(report.output.rstrip()[-4000:]), title=t["output"] + suffix, border_style="dim", expand=False)
        )
    return Group(*parts)


def stats_view(data: dict[str, Any]) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    head = Text()
    head.append(f"{data['reviews']} reviews · {data['cards_seen']} cards seen · ", style="bold")
    head.append(f"{data['due_now']} due now", style="bold yellow")
    head.append(f" · {data['due_7_days']} due within 7 days · streak {data['streak_days']} day(s)")
    spark = "▁▂▃▄▅▆▇█"
    days = data["reviews_last_30_days"]
    top = max(days) or 1
    line = Text("last 30 days ")
    line.append("".join(" " if n == 0 else spark[min(7, int(n / top * 7.999))] for n in days), style="green")
    table = Table(box=None, header_style="bold", pad_edge=False)
    for col in ("topic", "reviews", "seen", "due", "retention (30 d)"):
        table.add_column(col, justify="left" if col == "topic" else "right")
    for topic, t in data["by_topic"].items():
        r = t.get("retention")
        bar = "" if r is None else "█" * round(r * 10) + "░" * (10 - round(r * 10)) + f" {r:.0%}"
        table.add_row(topic, str(t["reviews"]), str(t["cards_seen"]), str(t["due_now"]), bar)
    return Group(head, line, table)


def interview_view(report: dict[str, Any], lang: str) -> Any:
    from .interview import report_markdown

    return full_markdown(report_markdown(report, lang))

"""The light Markdown renderer for question text, and the bank staying within its subset."""

from __future__ import annotations

import re

from rich.console import Console

from quizcli.bank.loader import load_bank
from quizcli.paths import Paths
from quizcli.prose import render


def plain(text: str, width: int = 60) -> str:
    console = Console(width=width, no_color=True, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(render(text))
    return console.export_text()


def test_inline_styles_lists_code_and_math() -> None:
    out = plain("Use **bold**, *italic* and `np.max`: $\\frac{1}{N}\\sum_i x_i$.\n\n- one\n- two\n  wrapped\n\n"
                "```python\nx = 1\n```\n")
    assert "Use bold, italic and np.max: (1/N)Σᵢ xᵢ." in out
    assert "• one" in out and "• two wrapped" in out
    assert "x = 1" in out and "```" not in out and "**" not in out


def test_snake_case_and_arithmetic_are_not_italic() -> None:
    out = plain("call conv2d_output_size with a * b * c")
    assert "conv2d_output_size" in out and "a * b * c" in out


def test_chinese_lines_join_without_spaces() -> None:
    assert "第一行第二行" in plain("第一行\n第二行")


def test_bank_uses_only_the_supported_subset(tmp_path) -> None:
    bank = load_bank(Paths.from_env({"QUIZ_HOME": str(tmp_path)}))
    unsupported = re.compile(r"^\s*(#{1,6} |> )|^\s*\|.*\|\s*\n\s*\|[\s:|-]+\|\s*$|\[[^\]]+\]\([^)]+\)", re.M)
    for q in bank.questions.values():
        texts = [q.prompt, q.answer] + ([q.explanation] if q.explanation else []) + list(q.hints)
        for t in texts:
            for lang in ("en", "zh"):
                body = re.sub(r"```.*?```", "", t[lang], flags=re.S)
                assert not unsupported.search(body), f"{q.id} ({lang}) uses Markdown the prose renderer does not"

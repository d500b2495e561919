"""Checks specific to the grader specs of "Convolution and pooling" (quizcli/grader/cases/convolution.py).

The generic checks of every spec (case list, determinism, reference, known mistakes, golden answers)
are in tests/test_specs.py.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import numpy as np
import pytest
import yaml
from spec_helpers import SEEDS, SPECS, call, cases_by_name, cases_for, reference_outcomes, tolerance

from quizcli.grader import run
from quizcli.grader.cases import convolution as section
from quizcli.grader.compare import compare

FUNCTIONS = [spec.function for spec in section.SPECS]
INT_FUNCTIONS = {"conv2d_output_size", "conv_transpose2d_output_size", "conv2d_macs", "receptive_field"}


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("seed", SEEDS)
def test_reference_returns_a_positive_int_or_a_float_array(name, seed):
    for case, out in reference_outcomes(SPECS[name], seed):
        assert out.status == "ok", (case.name, out.value)
        if name in INT_FUNCTIONS:
            assert isinstance(out.value, int) and out.value >= 1, (case.name, out.value)
        else:
            assert isinstance(out.value, np.ndarray) and out.value.dtype == np.float64, case.name
            assert out.value.size > 0 and np.all(np.isfinite(out.value)), case.name


def test_fixed_cases_are_hand_checkable():
    """A few fixed cases worked out by hand, so the case list itself is checked against arithmetic."""
    cases = cases_by_name(SPECS["conv2d"], 0)
    out = call(SPECS["conv2d"].reference, cases["fixed 3x3 input, 2x2 kernel"])
    # x = [[0,1,2],[3,4,5],[6,7,8]], w = [[1,2],[3,4]]: out[0,0] = 0 + 2 + 9 + 16 = 27
    np.testing.assert_array_equal(out[0, 0], [[27.0, 37.0], [57.0, 67.0]])
    cases = cases_by_name(SPECS["max_pool2d_backward"], 0)
    dx = call(SPECS["max_pool2d_backward"].reference, cases["ties within a window"])
    want = np.zeros((4, 4))
    want[0, 0], want[0, 3], want[2, 0], want[2, 2] = 1, 2, 3, 4  # first maximum of each window
    np.testing.assert_array_equal(dx[0, 0], want)
    cases = cases_by_name(SPECS["bilinear_sample"], 0)
    np.testing.assert_allclose(call(SPECS["bilinear_sample"].reference, cases["fixed 2x2 image, centre point"]), [2.5])
    cases = cases_by_name(SPECS["receptive_field"], 0)
    assert call(SPECS["receptive_field"].reference, cases["ResNet stem: 7x7/2 conv, 3x3/2 pool, 3x3 convs"]) == 27


# ---------------------------------------------------------------- the bank's model answers

BANK_FILE = Path(__file__).resolve().parents[1] / "questions" / "convolution" / "code.yaml"
# names the answer snippets use without defining them, and the variable they leave the result in
SNIPPET_SETUP = {
    "conv2d": ("N, C, H, W = x.shape\nF, _, KH, KW = w.shape\n", "out"),
    "depthwise_conv2d": ("N, C, H, W = x.shape\nKH, KW = w.shape[2:]\n", "out"),
    "depthwise_separable_conv2d": ("N, C, H, W = x.shape\nKH, KW = w_dw.shape[2:]\n", "out"),
    "conv_transpose2d": ("N, C_in, H, W = x.shape\nC_out, KH, KW = w.shape[1:]\n", "out"),
    "max_pool2d": ("N, C, H, W = x.shape\n", "out"),
    "max_pool2d_backward": ("N, C, H, W = x.shape\n", "dx"),
    "avg_pool2d_backward": ("", "dx"),
    "bilinear_sample": ("H, W = img.shape\n", "out"),
}


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bank_answer_code_passes_the_cases(name, lang):
    """The fenced code of each question's answer, wrapped in the starter's signature, is graded correct."""
    questions = {q["function"]: q for q in yaml.safe_load(BANK_FILE.read_text(encoding="utf-8"))["questions"]}
    q = questions[name]
    code = re.search(r"```python\n(.*?)```", q["answer"][lang], re.S).group(1)
    setup, result = SNIPPET_SETUP.get(name, ("", None))
    body = setup + code + (f"return {result}\n" if result else "")
    signature = re.search(r"^def (.+):$", q["starter"], re.M).group(1)
    namespace: dict = {}
    exec("import numpy as np\ndef " + signature + ":\n" + textwrap.indent(body, "    "), namespace)
    spec = SPECS[name]
    for case in cases_for(spec, "grader"):
        got = call(namespace[name], case)
        outcome = compare(run.run_reference(spec, case), got, *tolerance(spec, case), spec.int_dtype)
        assert outcome.ok, (case.name, outcome.message)

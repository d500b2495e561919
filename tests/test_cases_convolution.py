"""Checks of the grader specs of "Convolution and pooling" (quizcli/grader/cases/convolution.py)."""

from __future__ import annotations

import importlib.util
import re
import textwrap
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

from quizcli.grader import run as grader_run
from quizcli.grader.callbacks import make_callback
from quizcli.grader.cases import convolution as section
from quizcli.grader.check import case_seed
from quizcli.grader.compare import compare
from quizcli.grader.spec import Callback, Case, FunctionSpec

FUNCTIONS = [
    "conv2d",
    "depthwise_conv2d",
    "depthwise_separable_conv2d",
    "conv_transpose2d",
    "conv2d_output_size",
    "conv_transpose2d_output_size",
    "conv2d_macs",
    "max_pool2d",
    "max_pool2d_backward",
    "avg_pool2d_backward",
    "receptive_field",
    "bilinear_sample",
]
SPECS = {spec.function: spec for spec in section.SPECS}
INT_FUNCTIONS = {"conv2d_output_size", "conv_transpose2d_output_size", "conv2d_macs", "receptive_field"}


def materialize(value):
    if isinstance(value, Callback):
        return make_callback(value.name, value.params)
    return value


def call(fn, case: Case):
    args = tuple(materialize(a) for a in case.args)
    kwargs = {k: materialize(v) for k, v in case.kwargs.items()}
    return fn(*args, **kwargs)


def run_reference(spec: FunctionSpec, case: Case):
    with warnings.catch_warnings():
        if spec.stable:
            warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(under="ignore"):
            return call(spec.reference, case)


def outputs_differ(a, b, rtol=1e-6, atol=1e-8) -> bool:
    """True when a and b differ as the grader sees it: type of container, shape, kind or value."""
    if isinstance(a, tuple | list) or isinstance(b, tuple | list):
        if not (isinstance(a, tuple | list) and isinstance(b, tuple | list)) or len(a) != len(b):
            return True
        return any(outputs_differ(x, y, rtol, atol) for x, y in zip(a, b, strict=True))
    a_arr, b_arr = np.asarray(a), np.asarray(b)
    if a_arr.shape != b_arr.shape:
        return True
    if a_arr.dtype.kind in "fc" and b_arr.dtype.kind in "iu" or a_arr.dtype.kind in "iu" and b_arr.dtype.kind in "fc":
        return True
    if a_arr.dtype.kind == "f" and b_arr.dtype.kind == "f" and a_arr.dtype != b_arr.dtype:
        return True
    return not np.allclose(a_arr.astype(np.float64), b_arr.astype(np.float64), rtol=rtol, atol=atol, equal_nan=False)


def same_value(a, b) -> bool:
    """Deep equality of case arguments."""
    if isinstance(a, Callback) and isinstance(b, Callback):
        return a.name == b.name and same_value(a.params, b.params)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return type(a) is type(b) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b)
        )
    return type(a) is type(b) and a == b


def test_every_catalogue_function_has_a_spec():
    assert sorted(SPECS) == sorted(FUNCTIONS)
    assert len(section.SPECS) == len(FUNCTIONS)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_case_list_shape_and_names(name):
    spec = SPECS[name]
    cases = list(spec.cases(np.random.default_rng(0)))
    assert 8 <= len(cases) <= 16
    names = [c.name for c in cases]
    assert len(set(names)) == len(names), names
    assert cases[0].name.startswith("fixed")
    assert all(isinstance(c, Case) and c.name.strip() for c in cases)
    assert 2 <= len(spec.mistakes) <= 4
    keys = [m.key for m in spec.mistakes]
    assert len(set(keys)) == len(keys)
    for m in spec.mistakes:
        assert m.en.strip() and m.zh.strip()


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("seed", [0, 12345])
def test_reference_runs_on_every_case(name, seed):
    spec = SPECS[name]
    for case in spec.cases(np.random.default_rng(seed)):
        assert case.raises is None  # no catalogue exception in this section
        out = run_reference(spec, case)
        if name in INT_FUNCTIONS:
            assert isinstance(out, int) and out >= 1, (case.name, out)
        else:
            assert isinstance(out, np.ndarray) and out.dtype == np.float64, case.name
            assert out.size > 0 and np.all(np.isfinite(out)), case.name


@pytest.mark.parametrize("name", FUNCTIONS)
def test_cases_are_deterministic_for_a_seed(name):
    spec = SPECS[name]
    first = list(spec.cases(np.random.default_rng(7)))
    second = list(spec.cases(np.random.default_rng(7)))
    assert [c.name for c in first] == [c.name for c in second]
    for a, b in zip(first, second, strict=True):
        assert same_value(a.args, b.args) and same_value(a.kwargs, b.kwargs), a.name


@pytest.mark.parametrize("name", FUNCTIONS)
def test_random_cases_depend_on_the_seed(name):
    spec = SPECS[name]
    a = list(spec.cases(np.random.default_rng(1)))
    b = list(spec.cases(np.random.default_rng(2)))
    assert any(not same_value(x.args, y.args) or not same_value(x.kwargs, y.kwargs) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("seed", [0, 99])
def test_every_mistake_differs_from_the_reference(name, seed):
    spec = SPECS[name]
    cases = list(spec.cases(np.random.default_rng(seed)))
    expected = [run_reference(spec, c) for c in cases]
    for mistake in spec.mistakes:
        outs = [call(mistake.wrong, c) for c in cases]  # a known mistake runs on every case
        differing = [c.name for c, o, e in zip(cases, outs, expected, strict=True) if outputs_differ(o, e)]
        assert differing, f"{name}: mistake {mistake.key} matches the reference on every case"


@pytest.mark.parametrize("name", FUNCTIONS)
def test_mistakes_are_distinguishable_from_each_other(name):
    spec = SPECS[name]
    cases = list(spec.cases(np.random.default_rng(0)))
    outs = {m.key: [call(m.wrong, c) for c in cases] for m in spec.mistakes}
    keys = list(outs)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            assert any(outputs_differ(x, y) for x, y in zip(outs[a], outs[b], strict=True)), (a, b)


def test_fixed_cases_are_hand_checkable():
    """A few fixed cases worked out by hand, so the case list itself is checked against arithmetic."""
    cases = {c.name: c for c in SPECS["conv2d"].cases(np.random.default_rng(0))}
    out = call(SPECS["conv2d"].reference, cases["fixed 3x3 input, 2x2 kernel"])
    # x = [[0,1,2],[3,4,5],[6,7,8]], w = [[1,2],[3,4]]: out[0,0] = 0 + 2 + 9 + 16 = 27
    np.testing.assert_array_equal(out[0, 0], [[27.0, 37.0], [57.0, 67.0]])
    cases = {c.name: c for c in SPECS["max_pool2d_backward"].cases(np.random.default_rng(0))}
    dx = call(SPECS["max_pool2d_backward"].reference, cases["ties within a window"])
    want = np.zeros((4, 4))
    want[0, 0], want[0, 3], want[2, 0], want[2, 2] = 1, 2, 3, 4  # first maximum of each window
    np.testing.assert_array_equal(dx[0, 0], want)
    cases = {c.name: c for c in SPECS["bilinear_sample"].cases(np.random.default_rng(0))}
    np.testing.assert_allclose(call(SPECS["bilinear_sample"].reference, cases["fixed 2x2 image, centre point"]), [2.5])
    cases = {c.name: c for c in SPECS["receptive_field"].cases(np.random.default_rng(0))}
    assert call(SPECS["receptive_field"].reference, cases["ResNet stem: 7x7/2 conv, 3x3/2 pool, 3x3 convs"]) == 27


# ---------------------------------------------------------------- golden wrong answers

GOLDEN = Path(__file__).parent / "golden"
HEADER = re.compile(r"^#\s*(expect|case|hint):\s*(.+?)\s*$", re.M)


def golden_files(name):
    return sorted((GOLDEN / name).glob("wrong_*.py"))


def load_golden(path, name):
    spec = importlib.util.spec_from_file_location(f"golden_{name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_golden_folder_is_complete(name):
    files = golden_files(name)
    assert len(files) >= 3, name
    headers = [dict(HEADER.findall(p.read_text(encoding="utf-8"))) for p in files]
    assert all(set(h) == {"expect", "case", "hint"} for h in headers), name
    assert any(h["hint"] != "none" for h in headers), name
    keys = {m.key for m in SPECS[name].mistakes}
    assert all(h["hint"] == "none" or h["hint"] in keys for h in headers), name


@pytest.mark.parametrize(
    "name,path",
    [(name, p) for name in FUNCTIONS for p in golden_files(name)],
    ids=lambda v: getattr(v, "stem", v),
)
def test_golden_header_is_truthful(name, path):
    """Grades the golden answer in-process the way `quiz check` does (same seed, comparison and hint
    rule) and checks its header: the first case that does not pass, its status and the hint."""
    header = dict(HEADER.findall(path.read_text(encoding="utf-8")))
    spec = SPECS[name]
    cases = list(spec.cases(np.random.default_rng(case_seed(name))))
    expected = [grader_run.run_reference(spec, c) for c in cases]
    fn = load_golden(path, name)
    reports, values = [], {}
    for case, exp in zip(cases, expected, strict=True):
        try:
            got = grader_run.call(fn, case)
        except Exception:  # noqa: BLE001 - a golden answer is meant to be wrong
            reports.append(SimpleNamespace(name=case.name, status="error"))
            continue
        values[len(reports)] = got
        ok = compare(exp, got, spec.rtol, spec.atol, spec.int_dtype).ok
        reports.append(SimpleNamespace(name=case.name, status="pass" if ok else "fail"))
    first = next(r for r in reports if r.status != "pass")
    assert (first.status, first.name) == (header["expect"], header["case"])
    mistake = grader_run.recognise(spec, cases, expected, reports, values)
    assert (mistake.key if mistake else "none") == header["hint"]


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
    for case in spec.cases(np.random.default_rng(case_seed(name))):
        got = grader_run.call(namespace[name], case)
        outcome = compare(grader_run.run_reference(spec, case), got, spec.rtol, spec.atol, spec.int_dtype)
        assert outcome.ok, (case.name, outcome.message)

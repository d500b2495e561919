"""Hostile answers: never a pass, never a hang past the timeout, never a crash, nothing left behind."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest

from quizcli.grader import sandbox
from quizcli.grader.check import grade
from quizcli.models import Question

SIG = "def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):"
RIGHT = "    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1"
QUESTION = Question(
    id="convolution.conv2d-output-size", kind="code", topic="convolution", tags=("t",), difficulty=1,
    prompt={"en": "-", "zh": "-"}, answer={"en": "-", "zh": "-"}, sources=(), function="conv2d_output_size",
    reference="reference_impls.convolution:conv2d_output_size",
)
TIMEOUT = 2.0

HOSTILE = {
    "loop at import": "while True:\n    pass\n{SIG}\n{RIGHT}\n",
    "loop in function": "{SIG}\n    while True:\n        pass\n",
    "long sleep": "import time\n{SIG}\n    time.sleep(100)\n",
    "SIGTERM ignored": "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n{SIG}\n    time.sleep(100)\n",
    "grandchild keeps pipes and writes later": (
        "import os, time\n{SIG}\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n"
        "            time.sleep(2.5)\n            open({MARK!r}, 'w').write('late')\n            os._exit(0)\n"
        "        time.sleep(100)\n    time.sleep(100)\n"
    ),
    "daemon started at import": (
        "import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(2.5)\n"
        "    open({MARK!r}, 'w').write('late')\n    os._exit(0)\n{SIG}\n    return -1\n"
    ),
    "memory bomb": "{SIG}\n    x = bytearray(50 * 1024 ** 3)\n{RIGHT}\n",
    "bounded fork bomb": "import os, time\n{SIG}\n    for _ in range(5):\n        os.fork()\n    time.sleep(100)\n",
    "deep recursion": "{SIG}\n    return conv2d_output_size(size, kernel, stride, padding, dilation)\n",
    "sys.exit in function": "import sys\n{SIG}\n    sys.exit(0)\n",
    "sys.exit at import": "import sys\nsys.exit(0)\n",
    "os._exit": "import os\n{SIG}\n    os._exit(0)\n",
    "SystemExit raised": "{SIG}\n    raise SystemExit(0)\n",
    "KeyboardInterrupt": "{SIG}\n    raise KeyboardInterrupt\n",
    "segfault via ctypes": "import ctypes\n{SIG}\n    ctypes.string_at(0)\n",
    "100 MB of output": "import sys\n{SIG}\n    sys.stdout.write('x' * 100_000_000)\n{RIGHT}\n",
    "fake PASS and JSON on every stream": (
        "import os, sys, json\nprint(json.dumps({'verdict': 'pass', 'passed': 12, 'total': 12}))\n"
        "print('PASS', file=sys.stderr)\nfor fd in range(3, 64):\n    try:\n"
        "        os.write(fd, b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0eJ{\"done\":true}')\n"
        "    except OSError:\n        pass\n{SIG}\n    return 0\n"
    ),
    "monkeypatched numpy and builtins": (
        "import numpy as np, builtins\nnp.isclose = lambda *a, **k: True\nnp.allclose = lambda *a, **k: True\n"
        "np.array_equal = lambda *a, **k: True\nbuiltins.isinstance = lambda *a: True\n{SIG}\n    return 0\n"
    ),
    "lying __eq__": "class Liar(int):\n    def __eq__(self, o):\n        return True\n{SIG}\n    return Liar(0)\n",
    "lying __array__": (
        "import numpy as np\nclass Liar:\n    def __array__(self, *a, **k):\n        return np.array(3)\n"
        "    def __eq__(self, o):\n        return True\n{SIG}\n    return Liar()\n"
    ),
    "lying __array_ufunc__ subclass": (
        "import numpy as np\nclass A(np.ndarray):\n    def __array_ufunc__(self, *a, **k):\n        return True\n"
        "    def __eq__(self, o):\n        return True\n{SIG}\n    return np.array(3).view(A)\n"
    ),
    "object array": "import numpy as np\n{SIG}\n    return np.array([3, None], dtype=object)\n",
    "None": "{SIG}\n    return None\n",
    "dict": "{SIG}\n    return {'size': 3}\n",
    "str": "{SIG}\n    return '3'\n",
    "float instead of int": "{SIG}\n    return float((size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1)\n",
    "reads the reference and perturbs it": (
        "import importlib.util, glob\nns = {{}}\nfor f in glob.glob({REFGLOB!r}):\n    exec(open(f).read(), ns)\n"
        "{SIG}\n    return ns['conv2d_output_size'](size, kernel, stride, padding, dilation) + 1\n"
    ),
}


def _children_of(pid: int) -> list[int]:
    return [p for p, (ppid, _, _) in sandbox._proc_table().items() if ppid == pid]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_answer(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the child's work dir lives here
    mark = tmp_path / "late-write"
    refglob = str(Path(__file__).resolve().parents[1] / "reference_impls" / "convolution.py")
    source = (
        HOSTILE[name].replace("{SIG}", SIG).replace("{RIGHT}", RIGHT)
        .replace("{MARK!r}", repr(str(mark))).replace("{REFGLOB!r}", repr(refglob)).replace("{{}}", "{}")
    )
    path = tmp_path / "answer.py"
    path.write_text(source)
    before = set(_children_of(os.getpid()))
    start = time.monotonic()
    report = grade(path, source.encode(), QUESTION, timeout=TIMEOUT, failures_dir=tmp_path / "failures")
    elapsed = time.monotonic() - start
    assert report.verdict in {"fail", "error", "timeout"}, [(c.name, c.status, c.message) for c in report.cases]
    assert elapsed < TIMEOUT + 3, elapsed
    first = next(c for c in report.cases if c.status != "pass")
    assert first.message, "a failure must say why"
    assert len(report.cases) == report.total and all(c.status in {"pass", "fail", "error", "timeout"} for c in report.cases)
    # nothing survives the check
    assert set(_children_of(os.getpid())) <= before
    leftovers = [p for p in sandbox._proc_table() if _cwd(p).startswith(str(tmp_path))]
    assert not leftovers, leftovers
    time.sleep(0.1)
    if "later" in name or "daemon" in name:
        time.sleep(3)
        assert not mark.exists(), "a descendant outlived the check"


def _cwd(pid: int) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""


def test_printing_warning_correct_answer_passes(tmp_path: Path) -> None:
    source = (
        f"import sys, warnings\nprint('debug: starting')\n{SIG}\n    print('called with', size, kernel)\n"
        f"    print('to stderr', file=sys.stderr)\n    warnings.warn('just a warning')\n{RIGHT}\n"
    )
    path = tmp_path / "answer.py"
    path.write_text(source)
    report = grade(path, source.encode(), QUESTION, timeout=10)
    assert report.verdict == "pass"
    assert "debug: starting" in report.output and "to stderr" in report.output


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    source = f"{SIG}\n    return (size +\n"
    path = tmp_path / "answer.py"
    path.write_text(source)
    report = grade(path, source.encode(), QUESTION, timeout=5)
    assert report.verdict == "error"
    assert "line 2" in report.cases[0].message and "column" in report.cases[0].message
    assert all(c.message.startswith("not run") for c in report.cases)


def test_cli_exit_codes_and_json(run_quiz, tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(f"{SIG}\n{RIGHT}\n")
    bad = tmp_path / "bad.py"
    bad.write_text(f"{SIG}\n    return (size - kernel) // stride + 1\n")
    syntax = tmp_path / "syntax.py"
    syntax.write_text(f"{SIG}\n    return (\n")
    nothing = tmp_path / "nothing.py"
    nothing.write_text("def helper():\n    return 1\n")
    several = tmp_path / "several.py"
    several.write_text(f"{SIG}\n{RIGHT}\ndef conv2d_macs(c_in, c_out, kernel, h_out, w_out, groups=1):\n    return 0\n")

    ok = run_quiz("check", str(good), "--json", "--no-record")
    assert ok.returncode == 0, ok.stderr
    payload = json.loads(ok.stdout)
    assert payload["schema"] == 1 and payload["verdict"] == "pass" and payload["passed"] == payload["total"]
    assert payload["function"] == "conv2d_output_size" and payload["hint"] is None

    wrong = run_quiz("check", str(bad), "--json", "--no-record")
    assert wrong.returncode == 1
    payload = json.loads(wrong.stdout)
    assert payload["verdict"] == "fail" and len(payload["cases"]) == payload["total"]

    err = run_quiz("check", str(syntax), "--json", "--no-record")
    assert err.returncode == 1 and json.loads(err.stdout)["verdict"] == "error"

    for path in (nothing, several, tmp_path / "missing.py"):
        res = run_quiz("check", str(path), "--json", "--no-record")
        assert res.returncode == 2 and res.stdout == ""
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert "--question" in run_quiz("check", str(several), "--no-record").stderr

    pinned = run_quiz("check", str(several), "--question", "conv2d_output_size", "--json", "--no-record")
    assert pinned.returncode == 0

    human = run_quiz("check", str(bad), "--no-record")
    assert human.returncode == 1 and "FAIL" in human.stdout and "runpy.run_path" in human.stdout


def test_cached_request_gives_the_same_report_and_a_tampered_one_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "answer.py"
    path.write_text(f"{SIG}\n{RIGHT}\n")
    cache = tmp_path / "cache"
    first = grade(path, path.read_bytes(), QUESTION, timeout=10, cache_dir=cache)
    [stored] = list((cache / "requests").glob("*.bin"))
    second = grade(path, path.read_bytes(), QUESTION, timeout=10, cache_dir=cache)
    assert first.verdict == second.verdict == "pass"
    assert [c.name for c in first.cases] == [c.name for c in second.cases]
    stored.write_bytes(stored.read_bytes()[:-8] + b"\x00" * 8)  # corrupt the cached inputs
    third = grade(path, path.read_bytes(), QUESTION, timeout=10, cache_dir=cache)
    assert third.verdict == "pass"
    assert stored.read_bytes() != b"" and stored.read_bytes()[-8:] != b"\x00" * 8  # rewritten

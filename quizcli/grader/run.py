"""From the child's raw values to case verdicts, known-mistake hints and a reproduction."""

from __future__ import annotations

import inspect
import re
import signal
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from ..models import Question
from .callbacks import make_callback
from .compare import align_signs, compare, describe
from .sandbox import RunResult
from .spec import Callback, Case, FunctionSpec
from .wire import WireError, decode_value, load_array

_MISSING = object()


def materialize(value: Any) -> Any:
    """A fresh copy of a case argument, with callbacks turned into functions (parent side)."""
    if isinstance(value, Callback):
        return make_callback(value.name, {k: materialize(v) for k, v in value.params.items()})
    if type(value) is np.ndarray:
        return value.copy()
    if isinstance(value, tuple):
        return tuple(materialize(v) for v in value)
    if isinstance(value, list):
        return [materialize(v) for v in value]
    return value


def call(fn: Any, case: Case) -> Any:
    args = [materialize(a) for a in case.args]
    kwargs = {k: materialize(v) for k, v in case.kwargs.items()}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def run_reference(spec: FunctionSpec, case: Case) -> Any:
    """The reference's value, or the exception class name it raised (for `raises` cases)."""
    try:
        return call(spec.reference, case)
    except Exception as exc:  # noqa: BLE001
        if case.raises:
            return _Raised(type(exc).__name__)
        raise


class _Raised:
    def __init__(self, name: str) -> None:
        self.name = name


def summarize(value: Any, limit: int = 120) -> str:
    if isinstance(value, Callback):
        return f"<function {value.name}>"
    if type(value) is np.ndarray:
        if value.size == 0:
            return f"{value.dtype} {tuple(value.shape)} (empty)"
        if value.size <= 6:
            return np.array2string(value, precision=4, separator=", ").replace("\n", "")[:limit]
        if value.dtype.kind in "biuf":
            with np.errstate(all="ignore"):
                return f"{value.dtype} {tuple(value.shape)} in [{np.nanmin(value):.4g}, {np.nanmax(value):.4g}]"
        return f"{value.dtype} {tuple(value.shape)}"
    if isinstance(value, tuple | list):
        inner = ", ".join(summarize(v, 40) for v in value[:4])
        more = ", …" if len(value) > 4 else ""
        return (f"({inner}{more})" if isinstance(value, tuple) else f"[{inner}{more}]")[:limit]
    return repr(value)[:limit]


def short(value: Any) -> str:
    if type(value) is np.ndarray:
        with np.printoptions(precision=6, threshold=12, edgeitems=3, linewidth=100):
            return f"{describe(value)}: " + np.array2string(value, separator=", ").replace("\n", " ")[:400]
    if isinstance(value, tuple | list):
        return "(" + "; ".join(short(v) for v in value)[:600] + ")"
    return repr(value)[:200]


def _inputs(spec: FunctionSpec, case: Case) -> str:
    names = _param_names(spec)
    parts = [f"{names[i] if i < len(names) else f'arg{i}'}={summarize(a, 60)}" for i, a in enumerate(case.args)]
    parts += [f"{k}={summarize(v, 60)}" for k, v in case.kwargs.items()]
    return ", ".join(parts)


def _param_names(spec: FunctionSpec) -> list[str]:
    try:
        return list(inspect.signature(spec.reference).parameters)
    except (TypeError, ValueError):
        return []


def _died(result: RunResult) -> str:
    code = result.returncode
    if result.protocol_error:
        return result.protocol_error
    if code is not None and code < 0:
        sig = -code
        name = {
            int(signal.SIGSEGV): "SIGSEGV (segmentation fault)",
            int(signal.SIGXCPU): "SIGXCPU (CPU time limit)",
            int(signal.SIGXFSZ): "SIGXFSZ (it wrote more than 16 MB to a file or its output)",
            int(signal.SIGKILL): "SIGKILL (memory or time limit, or the check's cleanup)",
            int(signal.SIGABRT): "SIGABRT (aborted)",
            int(signal.SIGBUS): "SIGBUS (bus error)",
        }.get(sig, f"signal {sig}")
        return f"the answer's process was killed by {name}"
    if code == 3:
        return "the grading process failed before running the answer (see the output below)"
    return f"the answer's process exited (code {code}) before returning a result; did it call sys.exit or os._exit?"


def collect_results(
    question: Question,
    spec: FunctionSpec,
    cases: list[Case],
    expected: list[Any],
    result: RunResult,
    path: Path,
    failures_dir: Path | None,
) -> Any:
    from .check import CaseReport, Report

    reports: list[CaseReport] = []
    values: dict[int, Any] = {}
    frames = list(result.frames)
    stop_status, stop_message = None, None
    pos = 0
    while pos < len(frames) and stop_status is None:
        frame = frames[pos]
        pos += 1
        try:
            head = frame.json() if frame.kind == "J" else None
        except ValueError:
            head = None
        if not isinstance(head, dict):
            stop_status, stop_message = "error", "the result stream was corrupted"
            break
        if head.get("done") is True:
            break
        if "load_error" in head:
            exc = head.get("exc") or {}
            if head["load_error"] == "missing":
                msg = str(head.get("message", "the function is missing"))[:300]
            else:
                line = f" (line {exc.get('line')})" if exc.get("line") else ""
                msg = f"loading the file raised {exc.get('type')}{line}: {exc.get('message', '')}"[:400]
            stop_status, stop_message = "error", msg
            break
        i = head.get("case")
        if i != len(reports) or i >= len(cases):
            stop_status, stop_message = "error", "the result stream was corrupted (cases out of order)"
            break
        case = cases[i]
        rep = CaseReport(case.name, "pass", inputs=_inputs(spec, case))
        ws = [w for w in head.get("warnings", []) if isinstance(w, dict)]
        rep.warnings = [f"{(w.get('category') or ['Warning'])[0]}: {w.get('message', '')}" for w in ws][:5]
        exp = expected[i]
        rep.expected = f"raises {case.raises}" if case.raises else short(exp)
        status = head.get("status")
        if status == "raised":
            exc = head.get("exc") or {}
            mro = exc.get("mro") or []
            line = f" (line {exc['line']})" if exc.get("line") else ""
            rep.got = f"raised {exc.get('type')}"
            if case.raises and case.raises in mro:
                rep.status = "pass"
            else:
                rep.status = "error"
                rep.message = f"raised {exc.get('type')}{line}: {exc.get('message', '')}"[:400]
        elif status == "badvalue":
            rep.status, rep.message = "error", f"returned an unusable value: {head.get('message', '')}"[:300]
        elif status == "ok":
            n = head.get("n_arrays", 0)
            arrays_frames = frames[pos : pos + n] if isinstance(n, int) and n >= 0 else []
            pos += len(arrays_frames)
            try:
                if len(arrays_frames) != n or any(f.kind != "N" for f in arrays_frames):
                    raise WireError("a malformed value")
                got = decode_value(head.get("value"), [load_array(f.payload) for f in arrays_frames])
            except WireError as exc:
                rep.status, rep.message = "error", f"returned an unusable value: {exc}"
            else:
                values[i] = got
                rep.got = short(got)
                _judge(rep, spec, case, exp, got, ws)
        else:
            stop_status, stop_message = "error", "the result stream was corrupted"
            break
        reports.append(rep)
    if stop_status is None and len(reports) < len(cases):
        if result.timed_out:
            stop_status = "timeout"
            stop_message = f"timed out: the whole check is limited to {result.seconds:.0f} s (--timeout)"
        else:
            stop_status, stop_message = "error", _died(result)
    if stop_status is not None:
        first = True
        for case in cases[len(reports) :]:
            msg = (stop_message or "") if first else f"not run: {stop_message}"
            if first and not reports:
                msg = f"not run: {stop_message}"
            reports.append(CaseReport(case.name, stop_status, msg or ""))
            first = False
    verdict = next((r.status for r in reports if r.status != "pass"), "pass")
    warned = list(dict.fromkeys(w for r in reports for w in r.warnings))[:5]
    report = Report(
        question,
        verdict,
        reports,
        output=result.output,
        output_truncated=result.output_truncated,
        seconds=result.seconds,
        warnings=warned,
    )
    if verdict != "pass":
        mistake = recognise(spec, cases, expected, reports, values)
        if mistake is not None:
            report.hint = {"en": mistake.en, "zh": mistake.zh}
            report.hint_key = mistake.key
        if failures_dir is not None:
            failing = next(i for i, r in enumerate(reports) if r.status != "pass")
            _save_repro(report, spec, cases[failing], path, failures_dir)
    return report


def _judge(rep: Any, spec: FunctionSpec, case: Case, exp: Any, got: Any, ws: list[dict[str, Any]]) -> None:
    if case.raises:
        rep.status, rep.message = "fail", f"expected {case.raises} to be raised, but it returned {describe(got)}"
        return
    if spec.sign_free:
        got = align_signs(exp, got)
    rtol = case.rtol if case.rtol is not None else spec.rtol
    atol = case.atol if case.atol is not None else spec.atol
    outcome = compare(exp, got, rtol, atol, spec.int_dtype)
    if not outcome.ok:
        rep.status, rep.message = "fail", outcome.message
        return
    if spec.stable:
        for w in ws:
            if "RuntimeWarning" in (w.get("category") or []):
                rep.status = "fail"
                rep.message = (
                    f"RuntimeWarning: {w.get('message', '')} "
                    "(a stable implementation never overflows or divides by zero here)"
                )[
                    :300
                ]
                return


def recognise(
    spec: FunctionSpec, cases: list[Case], expected: list[Any], reports: list[Any], values: dict[int, Any]
) -> Any:
    """The known mistake whose outputs the answer reproduces, if any."""
    failed = [i for i, r in enumerate(reports) if r.status == "fail" and i in values]
    if not failed:
        return None
    for mistake in spec.mistakes:
        ok = True
        for i, got in values.items():
            if cases[i].raises:
                continue
            try:
                wrong = call(mistake.wrong, cases[i])
            except Exception:  # noqa: BLE001 - the wrong variant itself may blow up on an edge case
                ok = False
                break
            if spec.sign_free:
                got = align_signs(wrong, got)
            case_rtol = cases[i].rtol
            case_atol = cases[i].atol
            rtol = case_rtol if case_rtol is not None else spec.rtol
            atol = case_atol if case_atol is not None else spec.atol
            if not compare(wrong, got, rtol, atol).ok:
                ok = False
                break
        if ok:
            return mistake
    return None


def _save_repro(report: Any, spec: FunctionSpec, case: Case, path: Path, failures_dir: Path) -> None:
    stored: dict[str, np.ndarray] = {}
    uses_callbacks = False

    def expr(value: Any, name: str) -> str:
        nonlocal uses_callbacks
        if isinstance(value, Callback):
            uses_callbacks = True
            params = ", ".join(f"{k!r}: {expr(v, f'{name}_{k}')}" for k, v in value.params.items())
            return f"make_callback({value.name!r}, {{{params}}})"
        if type(value) is np.ndarray:
            stored[name] = value
            return f"d[{name!r}]"
        if isinstance(value, np.generic):
            stored[name] = np.asarray(value)
            return f"d[{name!r}][()]"
        if isinstance(value, tuple | list):
            inner = ", ".join(expr(v, f"{name}_{i}") for i, v in enumerate(value))
            return f"({inner}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) else f"[{inner}]"
        return repr(value)

    names = _param_names(spec)
    args = [expr(a, names[i] if i < len(names) else f"arg{i}") for i, a in enumerate(case.args)]
    args += [f"{k}={expr(v, k)}" for k, v in case.kwargs.items()]
    fn = spec.function
    slug = re.sub(r"[^a-z0-9]+", "-", case.name.lower()).strip("-")[:40] or "case"
    load = ""
    if stored:
        try:
            failures_dir.mkdir(parents=True, exist_ok=True)
            npz = failures_dir / f"{fn}-{slug}.npz"
            np.savez(npz, **stored)  # type: ignore[arg-type]
        except OSError:
            return
        report.repro_file = str(npz)
        load = f"; d = np.load({str(npz)!r})"
    imports = "import numpy as np, runpy" + (
        "; from quizcli.grader.callbacks import make_callback" if uses_callbacks else ""
    )
    report.repro = [
        imports,
        f"{fn} = runpy.run_path({str(path.resolve())!r})[{fn!r}]{load}",
        f"{fn}({', '.join(args)})",
    ]

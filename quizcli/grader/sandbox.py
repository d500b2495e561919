"""Running a learner's answer in a separate, resource-limited process.

The parent (``quiz``) never imports the answer. It starts ``_child.py`` with
``python -I -S -B`` (no site: no .pth code runs) in a fresh temporary directory and a new session, under rlimits
(CPU seconds, address space, file size, no core dumps, and the number of processes
where that limit applies), with a scrubbed environment and one BLAS thread. Requests
and results travel as length-prefixed frames over two pipes; what the answer prints
goes to a capped file and is only ever shown, never interpreted.

The wall-clock deadline covers the whole run, start-up included. When results are
complete, or the deadline passes, or the child dies, the whole process group is
killed with SIGKILL, and, because the parent made itself a child subreaper (Linux),
any descendant that escaped the group (``setsid`` grandchildren, double forks) is
found through /proc and killed too. Nothing the answer started outlives a check.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("_child.py")
OUTPUT_CAP = 64 * 1024
FRAME_CAP = 64 * 1024 * 1024
TOTAL_CAP = 256 * 1024 * 1024
MEMORY_LIMIT = 2 * 1024**3
FILE_LIMIT = 16 * 1024**2
KEEP_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "SYSTEMROOT")


class ProtocolError(Exception):
    """The child's result stream is not what the protocol allows."""


@dataclass
class Frame:
    kind: str  # "J" or "N"
    payload: bytes

    def json(self) -> Any:
        return json.loads(self.payload.decode("utf-8"))


@dataclass
class RunResult:
    frames: list[Frame]
    done: bool
    timed_out: bool
    returncode: int | None
    output: str
    output_truncated: bool
    seconds: float
    protocol_error: str | None = None
    leftovers_killed: int = 0
    notes: list[str] = field(default_factory=list)


def _encode_frame(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">Q", len(payload) + 1) + kind + payload


def encode_request(header: dict[str, Any], arrays: list[Any]) -> bytes:
    """The request frames: a JSON header, then one ``.npy`` frame per array."""
    import numpy as np

    header = dict(header, n_arrays=len(arrays))
    chunks = [_encode_frame(b"J", json.dumps(header).encode("utf-8"))]
    for arr in arrays:
        buf = io.BytesIO()
        np.save(buf, arr, allow_pickle=False)
        chunks.append(_encode_frame(b"N", buf.getvalue()))
    return b"".join(chunks)


def numpy_paths() -> list[str]:
    """sys.path entries the child needs for NumPy (``-I`` hides user site-packages)."""
    spec = find_spec("numpy")
    out = []
    if spec and spec.origin:
        out.append(str(Path(spec.origin).parent.parent))
    return out


# --- process hygiene -------------------------------------------------------------

_SUBREAPER_SET = False


def _become_subreaper() -> bool:
    global _SUBREAPER_SET
    if _SUBREAPER_SET:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_CHILD_SUBREAPER = 36
        _SUBREAPER_SET = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        _SUBREAPER_SET = False
    return _SUBREAPER_SET


def _proc_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (ppid, pgid, sid) from /proc (Linux); empty elsewhere."""
    table: dict[int, tuple[int, int, int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return table
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                raw = fh.read()
        except OSError:
            continue
        rest = raw[raw.rfind(b")") + 2 :].split()
        try:
            table[int(name)] = (int(rest[1]), int(rest[2]), int(rest[3]))
        except (IndexError, ValueError):
            continue
    return table


def _own_children() -> set[int]:
    me = os.getpid()
    return {pid for pid, (ppid, _, _) in _proc_table().items() if ppid == me}


def _kill_leftovers(session: int, before: set[int]) -> int:
    """Kill every process of the child's session/group and every new orphan reparented to us."""
    me = os.getpid()
    killed = 0
    for _ in range(200):
        found = []
        for pid, (ppid, pgid, sid) in _proc_table().items():
            if pid == me:
                continue
            if sid == session or pgid == session or (ppid == me and pid not in before):
                found.append((pid, ppid))
        if not found:
            break
        for pid, _ in found:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                killed += 1
        for pid, ppid in found:
            if ppid == me:
                with contextlib.suppress(ChildProcessError, OSError):
                    os.waitpid(pid, 0)
        time.sleep(0.005)
    return killed


def _limits(cpu_seconds: int, nproc: int | None) -> Any:
    def apply() -> None:  # runs in the child between fork and exec
        import resource

        def lim(which: int, value: int) -> None:
            with contextlib.suppress(ValueError, OSError):
                _, hard = resource.getrlimit(which)
                if hard != resource.RLIM_INFINITY:
                    value = min(value, hard)
                resource.setrlimit(which, (value, value))

        lim(resource.RLIMIT_CPU, cpu_seconds)
        lim(resource.RLIMIT_AS, MEMORY_LIMIT)
        lim(resource.RLIMIT_FSIZE, FILE_LIMIT)
        lim(resource.RLIMIT_CORE, 0)
        if nproc is not None:
            lim(resource.RLIMIT_NPROC, nproc)
        if sys.platform == "darwin":  # RLIMIT_AS is not enforced there; the data segment is
            lim(resource.RLIMIT_DATA, MEMORY_LIMIT)

    return apply


def _nproc_limit() -> int | None:
    """RLIMIT_NPROC counts all of a user's processes and root ignores it, so set it only
    for other users, to what they run now plus a little."""
    if not hasattr(os, "getuid") or os.getuid() == 0:
        return None
    uid = os.getuid()
    count = 0
    try:
        for name in os.listdir("/proc"):
            if name.isdigit():
                with contextlib.suppress(OSError):
                    if os.stat(f"/proc/{name}").st_uid == uid:
                        count += 1
    except OSError:
        return 256
    return count + 32


# --- the run ----------------------------------------------------------------------


class Child:
    """A started child. ``send`` the request, then ``collect`` the results."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.start = time.monotonic()
        self.deadline = self.start + timeout
        self.workdir = Path(tempfile.mkdtemp(prefix="quiz-check-"))
        self.out_path = self.workdir / ".output"
        _become_subreaper()
        self.before = _own_children()
        req_r, self.req_w = os.pipe()
        self.res_r, res_w = os.pipe()
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.workdir),
            "TMPDIR": str(self.workdir),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "NUMEXPR_NUM_THREADS": "1",
            "VECLIB_MAXIMUM_THREADS": "1",
        }
        for key in KEEP_ENV:
            if key in os.environ:
                env[key] = os.environ[key]
        out = open(self.out_path, "wb")  # noqa: SIM115 - closed below
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-S", "-B", str(CHILD), str(req_r), str(res_w), json.dumps(numpy_paths())],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                cwd=self.workdir,
                env=env,
                pass_fds=(req_r, res_w),
                start_new_session=True,
                preexec_fn=_limits(int(timeout) + 2, _nproc_limit()),  # noqa: PLW1509
                close_fds=True,
            )
        finally:
            out.close()
            os.close(req_r)
            os.close(res_w)
        self.pid = self.proc.pid

    def place(self, name: str, source: bytes) -> Path:
        path = self.workdir / name
        path.write_bytes(source)
        return path

    def send_bytes(self, request: bytes) -> None:
        """Write the encoded request (:func:`encode_request`); a child that died or stopped reading
        is noticed in collect."""
        data = memoryview(request)
        os.set_blocking(self.req_w, False)
        try:
            while data:
                remaining = self.deadline - time.monotonic()
                if remaining <= 0:
                    break
                _, writable, _ = select.select([], [self.req_w], [], remaining)
                if not writable:
                    continue
                try:
                    n = os.write(self.req_w, data)
                except BlockingIOError:
                    continue
                data = data[n:]
        except (BrokenPipeError, OSError):
            pass
        finally:
            os.close(self.req_w)

    def collect(self, expected_cases: int) -> RunResult:
        """Read result frames until ``done``, the deadline, or the child's end; then clean up."""
        frames: list[Frame] = []
        buf = bytearray()
        total = 0
        done = False
        timed_out = False
        protocol_error = None
        os.set_blocking(self.res_r, False)
        try:
            while not done:
                remaining = self.deadline - time.monotonic()
                if remaining <= 0:
                    timed_out = True
                    break
                readable, _, _ = select.select([self.res_r], [], [], min(remaining, 0.5))
                if not readable:
                    if self.proc.poll() is not None:
                        # the child is gone; drain what is left in the pipe
                        chunk = self._read_available() or b""
                        if not chunk:
                            break
                        buf.extend(chunk)
                    else:
                        continue
                else:
                    got = self._read_available()
                    if got == b"":
                        break  # every writer closed the pipe
                    chunk = got or b""
                    buf.extend(chunk)
                total += len(chunk)
                if total > TOTAL_CAP:
                    protocol_error = "the answer returned more than 256 MB of data"
                    break
                try:
                    done = self._split(buf, frames)
                except ProtocolError as exc:
                    protocol_error = str(exc)
                    break
        finally:
            os.close(self.res_r)
            seconds = time.monotonic() - self.start
            killed = self._stop()
        output, truncated = self._output()
        return RunResult(
            frames=frames,
            done=done,
            timed_out=timed_out,
            returncode=self.proc.returncode,
            output=output,
            output_truncated=truncated,
            seconds=seconds,
            protocol_error=protocol_error,
            leftovers_killed=killed,
        )

    def _read_available(self) -> bytes | None:
        try:
            return os.read(self.res_r, 1 << 20)
        except BlockingIOError:
            return None

    @staticmethod
    def _split(buf: bytearray, frames: list[Frame]) -> bool:
        while len(buf) >= 8:
            (size,) = struct.unpack(">Q", bytes(buf[:8]))
            if size == 0 or size > FRAME_CAP:
                raise ProtocolError("the result stream was corrupted (a frame of impossible size)")
            if len(buf) < 8 + size:
                return False
            payload = bytes(buf[8 : 8 + size])
            del buf[: 8 + size]
            kind = chr(payload[0])
            if kind not in "JN":
                raise ProtocolError("the result stream was corrupted (unknown frame type)")
            frame = Frame(kind, payload[1:])
            frames.append(frame)
            if kind == "J":
                try:
                    obj = frame.json()
                except ValueError:
                    raise ProtocolError("the result stream was corrupted (unreadable header)") from None
                if isinstance(obj, dict) and obj.get("done") is True:
                    return True
        return False

    def _stop(self) -> int:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=5)
        return _kill_leftovers(self.pid, self.before)

    def _output(self) -> tuple[str, bool]:
        try:
            with open(self.out_path, "rb") as fh:
                data = fh.read(OUTPUT_CAP + 1)
            size = self.out_path.stat().st_size
        except OSError:
            return "", False
        truncated = size > OUTPUT_CAP
        return data[:OUTPUT_CAP].decode("utf-8", errors="replace"), truncated

    def cleanup(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)

    def abort(self) -> None:
        """Stop a child that will not be used (the question could not be identified)."""
        for fd in (self.req_w, self.res_r):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._stop()
        self.cleanup()

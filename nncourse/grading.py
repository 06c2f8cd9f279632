"""Comparisons for the assignments' test cells, and switching modules off.

When ``make autograde`` grades, the test cells run in the grader's process,
out of the student's reach (see coursegrader.harness). When a student
presses *Validate*, they run in the student's own kernel, after the
student's code, which could replace ``np.allclose``, ``np.isclose``,
``np.testing.assert_allclose`` or ``math.isclose`` with a function that
always agrees. So the helpers here use none of them: they compare with
ndarray arithmetic and ndarray methods (slots of a C type, which Python code
cannot replace), hold their own references to the NumPy constructors they
need, and test themselves on a pair that must differ before they judge
anything. A value that is not plain numeric data (a proxy of the student's
object, when graded) fails the comparison.

Introduced with the first assignment (``source/03_backprop``); used by all.
"""
import contextlib as _contextlib
import types as _types
import typing as _typing

import numpy as _np

_array = _np.array
_float64 = _np.float64
_ndarray = _np.ndarray
_errstate = _np.errstate

__all__ = ["assert_close", "assert_shape", "disabled", "mismatches"]


def _as_float_array(value, what):
    try:
        arr = _array(value, dtype=_float64)
    except (TypeError, ValueError) as exc:
        raise AssertionError(
            f"{what} should be numeric (a number or an array of numbers), "
            f"got {type(value).__name__}: {exc}") from None
    if type(arr) is not _ndarray:
        raise AssertionError(f"{what} could not be read as an array")
    return arr


def mismatches(actual, desired, rtol: float = 1e-6,
               atol: float = 1e-8) -> _np.ndarray:
    """Boolean array: True where ``actual`` is not within tolerance of
    ``desired``.

    An entry matches when |actual - desired| <= atol + rtol·|desired|, or when
    both sides are NaN, or both are the same infinity. Shapes must be equal.
    """
    a = _as_float_array(actual, "the value")
    d = _as_float_array(desired, "the expected value")
    if a.shape != d.shape:
        raise AssertionError(f"shapes differ: {a.shape} and {d.shape}")
    with _errstate(all="ignore"):
        within = (a - d).__abs__() <= atol + rtol * d.__abs__()
        within &= (d - d) == 0            # an infinity matches only itself
    both_nan = (a != a) & (d != d)
    return ~(within | both_nan | (a == d))


def _self_check():
    if not (mismatches([1.0, 2.0], [1.0, 2.5]).tolist() == [False, True]
            and not mismatches([1.0, float("nan")],
                               [1.0, float("nan")]).any()):
        raise AssertionError(
            "the course's comparison helpers were tampered with in this "
            "kernel; restart the kernel and run the notebook again")


def assert_close(actual, desired, rtol: float = 1e-6, atol: float = 1e-8,
                 what: str = "the result") -> None:
    """Raise AssertionError unless ``actual`` matches ``desired`` entrywise.

    Shapes must agree exactly (no broadcasting); NaNs match only NaNs.
    """
    _self_check()
    a = _as_float_array(actual, what)
    d = _as_float_array(desired, "the expected value")
    if a.shape != d.shape:
        raise AssertionError(
            f"{what} has shape {a.shape}, expected shape {d.shape}")
    bad = mismatches(a, d, rtol, atol).reshape(-1)
    if bad.any():
        i = int(bad.argmax())
        got, want = float(a.reshape(-1)[i]), float(d.reshape(-1)[i])
        where = "" if a.ndim == 0 else f" at flat index {i}"
        # Validate shows each line cut at 87 characters: values first.
        raise AssertionError(
            f"got {got!r}, expected {want!r}\n"
            f"in {what}{where}\n"
            f"({int(bad.sum())} of {bad.size} entries outside rtol={rtol}, "
            f"atol={atol})")


def assert_shape(value, shape: tuple, what: str = "the result") -> None:
    """Raise AssertionError unless ``value`` is an array of exactly
    ``shape``."""
    # Only a real array counts: an object of the student's code could say
    # any shape it likes.
    got = value.shape if isinstance(value, (_ndarray, _np.generic)) else None
    if got is None or tuple(got) != tuple(shape):
        raise AssertionError(f"{what} should have shape {tuple(shape)}, "
                             f"got {got if got is not None else type(value)}")


def _blocked(*args, **kwargs):
    raise AssertionError(
        "this function of the course package is switched off while your "
        "code is graded: the assignment asks you to write it yourself")


def _functions_of(module):
    """Every function defined in ``module``, including methods and
    properties."""
    for obj in vars(module).values():
        if isinstance(obj, _types.FunctionType):
            if obj.__module__ == module.__name__:
                yield obj
        elif isinstance(obj, type) and obj.__module__ == module.__name__:
            for attr in vars(obj).values():
                attr = getattr(attr, "__func__", attr)       # static/class
                if isinstance(attr, property):
                    attr = attr.fget
                if isinstance(attr, _types.FunctionType):
                    yield attr


@_contextlib.contextmanager
def disabled(module: _types.ModuleType) -> _typing.Iterator[None]:
    """Within the block, every function of ``module`` raises AssertionError.

    The functions are changed in place (their code, not the module's
    attributes), so a reference a student took earlier — ``from
    nncourse.hh import simulate as sim`` — is switched off too. Everything
    is restored when the block ends, even after an error. When coursegrader
    grades, the test runs outside the student's kernel and the module is
    not there at all (``CourseGrader.hidden_modules``); this checks that.
    """
    from nncourse import remote as _remote
    if _remote.hidden_modules is not None:
        # Graded by coursegrader: the student's code runs in a sandbox
        # where the module does not exist; check that it is hidden there.
        if module.__name__ not in _remote.hidden_modules:
            raise AssertionError(
                f"{module.__name__} is not hidden from the student's kernel: "
                "add it to CourseGrader.hidden_modules in nbgrader_config.py")
        yield
        return
    saved = []
    try:
        for func in _functions_of(module):
            if func.__closure__:        # code with free variables can't swap
                continue
            saved.append((func, func.__code__))
            func.__code__ = _blocked.__code__
        yield
    finally:
        for func, code in saved:
            func.__code__ = code

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

from nncourse._checks import boolean as _boolean
from nncourse._checks import invalid as _invalid
from nncourse._checks import is_count as _is_count
from nncourse._checks import number as _number

_array = _np.array
_float64 = _np.float64
_ndarray = _np.ndarray
_errstate = _np.errstate

__all__ = ["assert_close", "assert_shape", "disabled", "mismatches"]


def _as_float_array(value):
    """``value`` as a float64 ndarray; TypeError or ValueError unless it is
    plain numeric data."""
    arr = _array(value, dtype=_float64)
    if type(arr) is not _ndarray:
        raise TypeError("it could not be read as an array")
    return arr


def _actual_array(value, what):
    """The value under test as an array; AssertionError (the test fails)
    if it is not numeric."""
    try:
        return _as_float_array(value)
    except (TypeError, ValueError) as exc:
        raise AssertionError(
            f"{what} should be numeric (a number or an array of numbers), "
            f"got {type(value).__name__}: {exc}") from None


def _desired_array(value):
    """The expected value as an array; ValueError (the test is wrong) if
    it is not numeric."""
    try:
        return _as_float_array(value)
    except (TypeError, ValueError):
        raise _invalid("desired", "a number or an array of numbers",
                       value) from None


def _check_options(rtol, atol, equal_nan):
    """ValueError unless the tolerances are finite numbers >= 0 and
    ``equal_nan`` is a bool."""
    _number(rtol, "rtol", at_least=0.0)
    _number(atol, "atol", at_least=0.0)
    _boolean(equal_nan, "equal_nan")


def mismatches(actual, desired, rtol: float = 1e-6, atol: float = 1e-8,
               *, equal_nan: bool = False) -> _np.ndarray:
    """Boolean array: True where ``actual`` is not within tolerance of
    ``desired``.

    An entry matches when |actual - desired| <= atol + rtol·|desired|, or when
    both are the same infinity, or, only with ``equal_nan=True``, when both
    are NaN. Shapes must be equal.

    Raises AssertionError if ``actual`` is not numeric or its shape differs,
    and ValueError if ``desired`` is not numeric, a tolerance is not a finite
    number >= 0, or ``equal_nan`` is not a bool.
    """
    _check_options(rtol, atol, equal_nan)
    a = _actual_array(actual, "the value")
    d = _desired_array(desired)
    if a.shape != d.shape:
        raise AssertionError(f"shapes differ: {a.shape} and {d.shape}")
    with _errstate(all="ignore"):
        within = (a - d).__abs__() <= atol + rtol * d.__abs__()
        within &= (d - d) == 0            # an infinity matches only itself
    same = within | (a == d)
    if equal_nan:
        same |= (a != a) & (d != d)
    return ~same


def _self_check():
    if not (mismatches([1.0, 2.0], [1.0, 2.5]).tolist() == [False, True]
            and not mismatches([1.0, float("nan")], [1.0, float("nan")],
                               equal_nan=True).any()
            and mismatches([float("nan")], [float("nan")]).all()):
        raise AssertionError(
            "the course's comparison helpers were tampered with in this "
            "kernel; restart the kernel and run the notebook again")


def assert_close(actual, desired, rtol: float = 1e-6, atol: float = 1e-8,
                 what: str = "the result", *,
                 equal_nan: bool = False) -> None:
    """Raise AssertionError unless ``actual`` matches ``desired`` entrywise.

    Shapes must agree exactly (no broadcasting). A NaN matches nothing, not
    even a NaN, unless the caller passes ``equal_nan=True``; then NaNs match
    only NaNs.

    Raises ValueError (the test itself is wrong) if ``desired`` is not
    numeric, a tolerance is not a finite number >= 0, ``what`` is not a
    string or ``equal_nan`` is not a bool.
    """
    _self_check()
    _check_options(rtol, atol, equal_nan)
    if not isinstance(what, str):
        raise _invalid("what", "a string that names the value", what)
    a = _actual_array(actual, what)
    d = _desired_array(desired)
    if a.shape != d.shape:
        raise AssertionError(
            f"{what} has shape {a.shape}, expected shape {d.shape}")
    bad = mismatches(a, d, rtol, atol, equal_nan=equal_nan).reshape(-1)
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
    ``shape``.

    Raises ValueError (the test itself is wrong) if ``shape`` is not a tuple
    of integers >= 0.
    """
    _check_shape(shape)
    # Only a real array counts: an object of the student's code could say
    # any shape it likes.
    got = value.shape if isinstance(value, (_ndarray, _np.generic)) else None
    if got is None or tuple(got) != tuple(shape):
        raise AssertionError(f"{what} should have shape {tuple(shape)}, "
                             f"got {got if got is not None else type(value)}")


def _check_shape(shape):
    """ValueError unless ``shape`` is a tuple (or list) of integers >= 0."""
    if not (isinstance(shape, (tuple, list))
            and all(_is_count(n, at_least=0) for n in shape)):
        raise _invalid("shape", "a tuple of integers >= 0", shape)


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


def disabled(module: _types.ModuleType
             ) -> _typing.ContextManager[None]:
    """Within the block, every function of ``module`` raises AssertionError.

    The functions are changed in place (their code, not the module's
    attributes), so a reference a student took earlier — ``from
    nncourse.hh import simulate as sim`` — is switched off too. Everything
    is restored when the block ends, even after an error. When coursegrader
    grades, the test runs outside the student's kernel and the module is
    not there at all (``CourseGrader.hidden_modules``); this checks that.

    Raises ValueError if ``module`` is not a module.
    """
    if not isinstance(module, _types.ModuleType):
        raise _invalid("module", "a module, e.g. nncourse.hh", module)
    return _disabled(module)


@_contextlib.contextmanager
def _disabled(module: _types.ModuleType) -> _typing.Iterator[None]:
    """The context manager that :func:`disabled` returns."""
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

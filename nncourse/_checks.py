"""The checks every public function of the package applies to its input.

Each validator returns the value in the form the caller computes with, or
raises ``ValueError`` with one sentence that names the argument and shows
the value it got, e.g. ``dt must be a positive finite number of
milliseconds, got -0.01.`` Callers pass ``what`` to say in their own words
(and units) what the argument must be.

The checks are cheap enough for loops that call a function many times: a
number costs two type checks and a comparison, an array one conversion and
one ``np.isfinite(...).all()``.
"""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

# Longest text shown for a bad value; a long list or array is cut there.
_SHOWN_MAX = 120
# Kinds of NumPy dtype that hold numbers: bool, signed, unsigned, float.
_NUMERIC_KINDS = "biuf"


def shown(value: Any) -> str:
    """The value as a message shows it: its repr on one line, cut if long,
    and for an ndarray its shape."""
    text = " ".join(repr(value).split())
    if len(text) > _SHOWN_MAX:
        text = text[:_SHOWN_MAX - 4] + " ..."
    # NumPy writes the shape of a summarised or empty array itself.
    if isinstance(value, np.ndarray) and "shape=" not in text:
        text += f" of shape {value.shape}"
    return text


def invalid(name: str, what: str, value: Any) -> ValueError:
    """The error for argument ``name``, which must be ``what`` but is
    ``value``."""
    return ValueError(f"{name} must be {what}, got {shown(value)}.")


def _bounds_text(above, at_least, at_most) -> str:
    if above == 0 and at_least is None and at_most is None:
        return "a positive finite number"
    if above is None and at_least is None and at_most is None:
        return "a finite number"
    limits = [f"> {above:g}" if above is not None else "",
              f">= {at_least:g}" if at_least is not None else "",
              f"<= {at_most:g}" if at_most is not None else ""]
    return "a finite number " + " and ".join(filter(None, limits))


def number(value: Any, name: str, *, above: float | None = None,
           at_least: float | None = None, at_most: float | None = None,
           what: str | None = None) -> float:
    """``value`` as a float: a finite real number (not a bool) within the
    given bounds."""
    if what is None:
        what = _bounds_text(above, at_least, at_most)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise invalid(name, what, value)
    x = float(value)
    if not (math.isfinite(x)
            and (above is None or x > above)
            and (at_least is None or x >= at_least)
            and (at_most is None or x <= at_most)):
        raise invalid(name, what, value)
    return x


def is_count(value: Any, at_least: int = 1) -> bool:
    """Whether ``value`` is an integer (not a bool) of at least
    ``at_least``."""
    return (isinstance(value, numbers.Integral)
            and not isinstance(value, bool) and value >= at_least)


def count(value: Any, name: str, *, at_least: int = 1,
          what: str | None = None) -> int:
    """``value`` as an int: an integer (not a bool) of at least
    ``at_least``."""
    if not is_count(value, at_least):
        raise invalid(name, what or f"an integer >= {at_least}", value)
    return int(value)


def _dims(ndim) -> tuple[int, ...]:
    return ndim if isinstance(ndim, tuple) else (ndim,)


def _array_text(ndim, finite: bool) -> str:
    entries = "finite numbers" if finite else "numbers"
    if ndim is None:
        return f"an array of {entries}"
    dims = " or ".join(f"{d}-D" for d in _dims(ndim))
    return f"a {dims} array of {entries}"


def float_array(value: Any, name: str, *, ndim: int | tuple | None = None,
                finite: bool = True, what: str | None = None) -> np.ndarray:
    """``value`` as a float ndarray: numbers (no strings, no ragged lists),
    with ``ndim`` dimensions (one of them, for a tuple) and, if ``finite``,
    no NaN or infinity.

    A float ndarray comes back as it is, not copied.
    """
    if what is None:
        what = _array_text(ndim, finite)
    if isinstance(value, (str, bytes)):
        raise invalid(name, what, value)
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):           # ragged nested lists
        raise invalid(name, what, value) from None
    if arr.dtype.kind not in _NUMERIC_KINDS:
        raise invalid(name, what, value)
    if ndim is not None and arr.ndim not in _dims(ndim):
        raise invalid(name, what, value)
    arr = arr.astype(float, copy=False)
    if finite and not np.isfinite(arr).all():
        raise invalid(name, what, value)
    return arr


def boolean(value: Any, name: str) -> bool:
    """``value`` as a bool: True or False (NumPy's included)."""
    if not isinstance(value, (bool, np.bool_)):
        raise invalid(name, "True or False", value)
    return bool(value)


def function(value: Any, name: str, what: str) -> Any:
    """``value`` itself, which must be callable."""
    if not callable(value):
        raise invalid(name, what, value)
    return value


def one_of(value: Any, name: str, choices: tuple[str, ...],
           what: str | None = None) -> str:
    """``value`` itself, which must be one of the strings ``choices``."""
    if what is None:
        what = ("one of " + ", ".join(map(repr, choices[:-1]))
                + f" or {choices[-1]!r}")
    if not (isinstance(value, str) and value in choices):
        raise invalid(name, what, value)
    return value

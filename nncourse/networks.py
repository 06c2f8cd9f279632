"""A small dense network's weights as one flat vector, and back.

Introduced in lecture 04 (course/04_optimizers.ipynb); lecture 05 trains its
networks the same way.

An optimizer sees one vector ``w`` of all the weights; the forward pass
needs the matrices ``W1, b1, W2, b2, ...``. As in scikit-learn's L-BFGS
path, the network keeps ``w`` and cuts it into its matrices when needed:
``w`` holds W1 (row by row), then b1, then W2, b2, and so on.

>>> shapes = layer_shapes([2, 3, 1])
>>> shapes
[(2, 3), (3,), (3, 1), (1,)]
>>> W1, b1, W2, b2 = unpack(np.arange(13.0), shapes)
>>> W1
array([[0., 1., 2.],
       [3., 4., 5.]])
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from nncourse import _checks

__all__ = ["layer_shapes", "count_weights", "init_weights", "pack",
           "unpack"]


def layer_shapes(layer_sizes: Sequence[int]) -> list[tuple[int, ...]]:
    """Shapes of the weight matrices and biases of a dense network.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Parameters
    ----------
    layer_sizes : sequence of int
        The number of units in each layer, inputs first and outputs last,
        e.g. ``(2, 8, 1)``; at least two sizes, each >= 1.

    Returns
    -------
    shapes : list of tuple
        ``[(n_0, n_1), (n_1,), (n_1, n_2), (n_2,), ...]``: the shapes of
        W1, b1, W2, b2, ... in the order :func:`unpack` cuts them out.

    Raises
    ------
    ValueError
        If ``layer_sizes`` has fewer than two entries or an entry is not a
        positive integer.
    """
    sizes = list(layer_sizes) if isinstance(layer_sizes, Iterable) else None
    if (sizes is None or len(sizes) < 2
            or not all(map(_checks.is_count, sizes))):
        raise _checks.invalid(
            "layer_sizes", "a list of at least two positive integers "
            "(inputs, ..., outputs), e.g. (2, 8, 1)", layer_sizes)
    shapes = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        shapes += [(int(n_in), int(n_out)), (int(n_out),)]
    return shapes


def _check_shapes(shapes: Sequence[tuple[int, ...]]) -> list[tuple]:
    """``shapes`` as a list of tuples of positive integers."""
    try:
        checked = [tuple(shape) for shape in shapes]
    except TypeError:
        checked = []
    if not checked or not all(map(_checks.is_count, sum(checked, ()))):
        raise _checks.invalid(
            "shapes", "a non-empty list of shapes of positive integers, "
            "e.g. [(2, 8), (8,), (8, 1), (1,)]", shapes)
    return checked


def count_weights(shapes: Sequence[tuple[int, ...]]) -> int:
    """Number of weights in arrays of the given shapes.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Parameters
    ----------
    shapes : sequence of tuple of int
        The shapes, e.g. from :func:`layer_shapes`.

    Returns
    -------
    int
        The sum of the sizes, the length of the flat vector ``w``.

    Raises
    ------
    ValueError
        If ``shapes`` is empty or holds a size that is not a positive
        integer.
    """
    return int(sum(math.prod(shape) for shape in _check_shapes(shapes)))


def init_weights(shapes: Sequence[tuple[int, ...]],
                 rng: np.random.Generator) -> np.ndarray:
    """Random initial weights: one flat vector drawn from N(0, 1).

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Parameters
    ----------
    shapes : sequence of tuple of int
        The shapes of the network's arrays, e.g. from :func:`layer_shapes`.
    rng : numpy.random.Generator
        The source of randomness, ``np.random.default_rng(seed)``.

    Returns
    -------
    w : ndarray of shape (n_weights,)
        ``rng.normal(0, 1, n_weights)`` with
        ``n_weights = count_weights(shapes)``, biases included.

    Raises
    ------
    ValueError
        If ``shapes`` is not valid or ``rng`` is not a Generator.
    """
    n_weights = count_weights(shapes)
    if not isinstance(rng, np.random.Generator):
        raise _checks.invalid(
            "rng", "a numpy.random.Generator, made by "
            "np.random.default_rng(seed)", rng)
    return rng.normal(0.0, 1.0, size=n_weights)


def pack(arrays: Iterable[ArrayLike]) -> np.ndarray:
    """Flatten arrays into one vector, each row by row, one after another.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    The inverse of :func:`unpack`: ``pack(unpack(w, shapes))`` equals ``w``.
    A backward pass uses it to turn the gradients of W1, b1, W2, b2, ...
    into one gradient vector shaped like ``w``.

    Parameters
    ----------
    arrays : iterable of array_like
        The arrays, e.g. ``[W1, b1, W2, b2]`` or their gradients.

    Returns
    -------
    ndarray of shape (n_weights,)
        Their entries, float64, in order.

    Raises
    ------
    ValueError
        If there is no array, or one holds something other than numbers
        (NaN and infinity are numbers: a diverging training run can pack
        its gradient).
    """
    what = "arrays of numbers, e.g. [W1, b1, W2, b2]"
    if isinstance(arrays, (str, bytes)) or not isinstance(arrays, Iterable):
        raise _checks.invalid("arrays", what, arrays)
    arrays = list(arrays)
    try:
        parts = [_checks.float_array(a, "arrays", finite=False).ravel()
                 for a in arrays]
    except ValueError:
        raise _checks.invalid("arrays", what, arrays) from None
    if not parts:
        raise ValueError("arrays must hold at least one array, got "
                         f"{_checks.shown(arrays)}.")
    return np.concatenate(parts)


def unpack(w: ArrayLike, shapes: Sequence[tuple[int, ...]]
           ) -> list[np.ndarray]:
    """Cut the flat vector ``w`` into arrays of the given shapes.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Walks along ``w``, taking ``prod(shape)`` numbers for each shape in
    turn and reshaping them, row by row. For a float ndarray ``w`` the
    arrays are *views*: writing into ``W1`` writes into ``w``.

    Parameters
    ----------
    w : array_like of shape (n_weights,)
        All the weights, with ``n_weights = count_weights(shapes)``.
    shapes : sequence of tuple of int
        The shapes, e.g. from :func:`layer_shapes`.

    Returns
    -------
    list of ndarray
        One array per shape, e.g. ``[W1, b1, W2, b2]``.

    Raises
    ------
    ValueError
        If ``shapes`` is not valid, or ``w`` is not a 1-D vector of exactly
        ``count_weights(shapes)`` numbers (NaN and infinity included: the
        weights of a diverged run can still be looked at).
    """
    checked = _check_shapes(shapes)
    sizes = [math.prod(shape) for shape in checked]
    what = (f"a 1-D vector of {sum(sizes)} weights for the shapes "
            f"{checked}")
    w = _checks.float_array(w, "w", finite=False, what=what)
    if w.shape != (sum(sizes),):
        raise _checks.invalid("w", what, w)
    parts, start = [], 0
    for shape, size in zip(checked, sizes):
        parts.append(w[start:start + size].reshape(shape))
        start += size
    return parts

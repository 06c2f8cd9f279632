"""A small dense network's weights as one flat vector, and back.

Introduced in lecture 04 (course/04_optimizers.ipynb); lecture 05 trains its
networks the same way, and both train the same two-class tanh network with
:func:`classifier_loss_grad`.

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
           "unpack", "classifier_loss_grad"]


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


def classifier_loss_grad(w: ArrayLike, X: ArrayLike, y: ArrayLike,
                         shapes: Sequence[tuple[int, ...]]
                         ) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of a two-class tanh network, and its gradient.

    Introduced in lecture 04 (course/04_optimizers.ipynb), Section 1; lecture
    05 (course/05_second_order.ipynb) trains the same network with BFGS and
    Levenberg–Marquardt.

    The network has one tanh hidden layer and one sigmoid output
    ``p = P(class 1)``::

        H = tanh(X @ W1 + b1),  z = H @ W2 + b2,  p = sigmoid(z)
        E = mean(-y log p - (1 - y) log(1 - p)) = mean(log(1 + e^z) - y z)

    The loss is computed from the logits ``z`` (``logaddexp``), so it stays
    finite where ``p`` rounds to 0 or 1. The backward pass is lecture 03's:
    ``dE/dz = (p - y) / N``, then back through ``W2`` and ``tanh``.

    Parameters
    ----------
    w : array_like of shape (n_weights,)
        All the weights, W1, b1, W2, b2 as :func:`unpack` cuts them.
    X : array_like of shape (N, n_inputs)
        The inputs, finite numbers, at least one row.
    y : array_like of shape (N,)
        The classes, each 0 or 1.
    shapes : sequence of tuple of int
        ``layer_shapes([n_inputs, n_hidden, 1])``: exactly one hidden layer
        and one output.

    Returns
    -------
    loss : float
        The mean cross-entropy E.
    grad : ndarray of shape (n_weights,)
        dE/dw, packed like ``w``.

    Raises
    ------
    ValueError
        If ``shapes`` is not the shapes of an ``n_inputs``-``n_hidden``-1
        network, ``w`` does not fit them, ``X`` is not a 2-D array of finite
        numbers with ``n_inputs`` columns and at least one row, or ``y`` is
        not a 1-D array of 0s and 1s, one per row of ``X``.

    Examples
    --------
    >>> shapes = layer_shapes([2, 3, 1])
    >>> loss, grad = classifier_loss_grad(np.zeros(13), [[1.0, 2.0]], [1],
    ...                                   shapes)
    >>> round(loss, 4), grad.shape          # p = 0.5: E = log 2
    (0.6931, (13,))
    """
    checked = _check_shapes(shapes)
    what_shapes = ("the shapes of a network with one hidden layer and one "
                   "output, layer_shapes([n_inputs, n_hidden, 1])")
    if (len(checked) != 4 or len(checked[0]) != 2
            or checked[1:] != [(checked[0][1],), (checked[0][1], 1), (1,)]):
        raise _checks.invalid("shapes", what_shapes, shapes)
    n_inputs = checked[0][0]
    W1, b1, W2, b2 = unpack(w, checked)
    what_x = (f"a 2-D array of finite numbers with {n_inputs} columns and "
              "at least one row")
    inputs = _checks.float_array(X, "X", ndim=2, what=what_x)
    if inputs.shape[0] < 1 or inputs.shape[1] != n_inputs:
        raise _checks.invalid("X", what_x, X)
    what_y = (f"a 1-D array of 0s and 1s, one class per row of X "
              f"({inputs.shape[0]} rows)")
    labels = _checks.float_array(y, "y", ndim=1, what=what_y)
    if (labels.shape != (inputs.shape[0],)
            or not ((labels == 0) | (labels == 1)).all()):
        raise _checks.invalid("y", what_y, y)
    H = np.tanh(inputs @ W1 + b1)                   # (N, n_hidden)
    z = (H @ W2 + b2)[:, 0]                         # logits, (N,)
    loss = float(np.mean(np.logaddexp(0.0, z) - labels * z))
    p = 0.5 * (1.0 + np.tanh(z / 2))                # sigmoid, no overflow
    dz = (p - labels)[:, None] / len(labels)        # dE/dz, (N, 1)
    dA = dz @ W2.T * (1 - H ** 2)                   # back through tanh
    return loss, pack([inputs.T @ dA, dA.sum(axis=0), H.T @ dz,
                       dz.sum(axis=0)])

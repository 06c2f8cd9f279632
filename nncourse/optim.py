"""Plain gradient descent, and the Rosenbrock function to try methods on.

:func:`gradient_descent` is introduced in lecture 03
(course/03_backprop.ipynb) and is the baseline of lecture 05;
:func:`rosenbrock` and :func:`rosenbrock_grad` are introduced in lecture 04
(course/04_optimizers.ipynb) and return in lecture 05.

A loss to minimise is handed over as one function
``loss_grad(w) -> (loss, gradient)``, the form that
``scipy.optimize.minimize(..., jac=True)`` also takes.
"""
from __future__ import annotations

import math
import numbers
from typing import Callable

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["gradient_descent", "rosenbrock", "rosenbrock_grad"]

LossGrad = Callable[[np.ndarray], tuple[float, np.ndarray]]


def gradient_descent(loss_grad: LossGrad, w0: ArrayLike, lr: float,
                     max_iter: int, *, tol: float = 0.0,
                     callback: Callable[[np.ndarray, float], object]
                     | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Minimise a loss by steps against its gradient, ``w <- w - lr * g``.

    Introduced in lecture 03 (course/03_backprop.ipynb).

    Starting from ``w0``, each iteration evaluates ``loss_grad`` at the
    current weights and steps by ``-lr`` times the gradient. It stops after
    ``max_iter`` steps, or earlier once the gradient's norm is at most
    ``tol``.

    Parameters
    ----------
    loss_grad : callable
        ``loss_grad(w) -> (loss, gradient)`` for ``w`` of shape
        (n_params,); the gradient has the shape of ``w``.
    w0 : array_like of shape (n_params,)
        The starting point.
    lr : float
        The learning rate (step size), > 0.
    max_iter : int
        The most steps to take, >= 0.
    tol : float, default 0.0
        Stop as soon as the norm of the gradient is at most ``tol`` (>= 0).
    callback : callable, optional
        Called as ``callback(w, loss)`` at every point visited, the start
        and the end included, e.g. to record the time.

    Returns
    -------
    path : ndarray of shape (n_iter + 1, n_params)
        The points visited, ``path[0] = w0`` and ``path[-1]`` the result;
        ``n_iter <= max_iter`` is the number of steps taken.
    losses : ndarray of shape (n_iter + 1,)
        The loss at each point of ``path``.

    Raises
    ------
    ValueError
        If ``loss_grad`` or ``callback`` is not callable, ``w0`` is not a
        non-empty 1-D array of finite numbers, ``lr`` is not a positive
        finite number, ``max_iter`` is not an integer >= 0, ``tol`` is
        negative, or ``loss_grad`` returns a gradient of another shape.

    Examples
    --------
    >>> def bowl(w):                  # loss w1² + w2², gradient 2 w
    ...     return w @ w, 2 * w
    >>> path, losses = gradient_descent(bowl, [1.0, -2.0], lr=0.25,
    ...                                 max_iter=2)
    >>> path
    array([[ 1.  , -2.  ],
           [ 0.5 , -1.  ],
           [ 0.25, -0.5 ]])
    >>> losses
    array([5.    , 1.25  , 0.3125])
    """
    if not callable(loss_grad):
        raise ValueError("loss_grad must be a function w -> (loss, "
                         f"gradient), got {loss_grad!r}.")
    if callback is not None and not callable(callback):
        raise ValueError("callback must be a function (w, loss) or None, "
                         f"got {callback!r}.")
    try:
        w = np.array(w0, dtype=float)
    except (TypeError, ValueError):
        w = np.array(np.nan)
    if w.ndim != 1 or w.size == 0 or not np.all(np.isfinite(w)):
        raise ValueError("w0 must be a non-empty 1-D array of finite "
                         f"numbers, got {w0!r}.")
    if not (isinstance(lr, numbers.Real) and 0 < lr < math.inf):
        raise ValueError(f"lr must be a positive finite number, got {lr!r}.")
    if (isinstance(max_iter, bool) or not isinstance(max_iter,
                                                     numbers.Integral)
            or max_iter < 0):
        raise ValueError(f"max_iter must be an integer >= 0, got "
                         f"{max_iter!r}.")
    if not (isinstance(tol, numbers.Real) and tol >= 0):
        raise ValueError(f"tol must be a number >= 0, got {tol!r}.")

    path, losses = [], []
    for k in range(max_iter + 1):
        loss, grad = loss_grad(w)
        grad = np.asarray(grad, dtype=float)
        if grad.shape != w.shape:
            raise ValueError(
                f"loss_grad(w) must return (loss, gradient) with a gradient "
                f"of the shape of w, {w.shape}; got shape {grad.shape}.")
        path.append(w)
        losses.append(float(loss))
        if callback is not None:
            callback(w, float(loss))
        if k == max_iter or np.linalg.norm(grad) <= tol:
            break
        w = w - lr * grad
    return np.array(path), np.array(losses)


def _as_floats(name: str, value: ArrayLike) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers, "
                         f"got {value!r}.") from None


def _coordinates(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray,
                                                       np.ndarray]:
    x, y = _as_floats("x", x), _as_floats("y", y)
    try:
        np.broadcast_shapes(x.shape, y.shape)
    except ValueError:
        raise ValueError(
            "x and y must have the same shape (or shapes that broadcast), "
            f"got shapes {x.shape} and {y.shape}.") from None
    return x, y


def rosenbrock(x: ArrayLike, y: ArrayLike) -> float | np.ndarray:
    """The Rosenbrock function ``(1 - x)² + 100 (y - x²)²``.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    A curved, narrow, flat-bottomed valley with its minimum 0 at (1, 1): a
    classic test of optimisation methods.

    Parameters
    ----------
    x, y : float or array_like
        The two coordinates, of the same shape (or shapes that broadcast),
        e.g. the grids that :func:`nncourse.plotting.plot_loss_landscape`
        passes.

    Returns
    -------
    float or ndarray
        The value at every point, of the broadcast shape of ``x`` and
        ``y``.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not numeric, or their shapes do not broadcast.
    """
    x, y = _coordinates(x, y)
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def rosenbrock_grad(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """The gradient of :func:`rosenbrock` at ``(x, y)``.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    ``d/dx = -2 (1 - x) - 400 x (y - x²)`` and ``d/dy = 200 (y - x²)``.

    Parameters
    ----------
    x, y : float or array_like
        The two coordinates, as for :func:`rosenbrock`.

    Returns
    -------
    ndarray of shape (2, ...)
        ``[d/dx, d/dy]``; for a scalar ``x`` and ``y`` a vector of shape
        (2,), otherwise each entry has the broadcast shape of ``x`` and
        ``y``.

    Raises
    ------
    ValueError
        For the same bad input as :func:`rosenbrock`.
    """
    x, y = _coordinates(x, y)
    return np.array([-2 * (1 - x) - 400 * x * (y - x ** 2),
                     200 * (y - x ** 2)])

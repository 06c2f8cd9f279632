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

from typing import Callable

import numpy as np
from numpy.typing import ArrayLike

from nncourse import _checks

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
        not a finite number >= 0, or ``loss_grad`` returns a gradient of
        another shape.

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
    _checks.function(loss_grad, "loss_grad",
                     "a function w -> (loss, gradient)")
    if callback is not None:
        _checks.function(callback, "callback",
                         "a function (w, loss) or None")
    what = "a non-empty 1-D array of finite numbers"
    w = np.array(_checks.float_array(w0, "w0", ndim=1, what=what))
    if w.size == 0:
        raise _checks.invalid("w0", what, w0)
    lr = _checks.number(lr, "lr", above=0.0)
    max_iter = _checks.count(max_iter, "max_iter", at_least=0)
    tol = _checks.number(tol, "tol", at_least=0.0)

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


def _coordinates(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray,
                                                       np.ndarray]:
    """x and y as finite float arrays whose shapes broadcast."""
    what = "a number or an array of numbers, all finite"
    x = _checks.float_array(x, "x", what=what)
    y = _checks.float_array(y, "y", what=what)
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
        If ``x`` or ``y`` is not numeric or holds NaN or infinity, or
        their shapes do not broadcast.
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

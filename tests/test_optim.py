"""Tests of nncourse.optim: gradient descent against steps worked out by
hand, the Rosenbrock function against its formula and central differences,
and bad input rejected with a message that names the argument."""
import numpy as np
import pytest

from nncourse.optim import gradient_descent, rosenbrock, rosenbrock_grad


def bowl(w):
    """w1² + w2², gradient 2 w."""
    return w @ w, 2 * w


def test_gradient_descent_takes_the_steps_of_the_rule():
    path, losses = gradient_descent(bowl, [1.0, -2.0], lr=0.25, max_iter=2)
    # each step halves w: w - 0.25 * 2 w = w / 2
    np.testing.assert_allclose(path, [[1.0, -2.0], [0.5, -1.0],
                                      [0.25, -0.5]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(losses, [5.0, 1.25, 0.3125], rtol=1e-15)


def test_gradient_descent_on_a_parabola_shrinks_by_one_minus_lr_a():
    # f = 2 w², f' = 4 w: w <- (1 - 0.1 * 4) w = 0.6 w
    def parabola(w):
        return 2 * w[0] ** 2, 4 * w

    path, losses = gradient_descent(parabola, [1.0], lr=0.1, max_iter=5)
    np.testing.assert_allclose(path[:, 0], 0.6 ** np.arange(6), rtol=1e-12)
    np.testing.assert_allclose(losses, 2 * 0.36 ** np.arange(6), rtol=1e-12)


def test_gradient_descent_stops_once_the_gradient_is_small():
    # |grad| = 2 |w| = 2 sqrt(5) / 2^k: 4.47, 2.24, 1.12, 0.56, ...
    path, losses = gradient_descent(bowl, [1.0, -2.0], lr=0.25, max_iter=10,
                                    tol=1.2)
    assert len(path) == len(losses) == 3
    np.testing.assert_allclose(path[-1], [0.25, -0.5])
    path, _ = gradient_descent(bowl, [1.0, -2.0], lr=0.25, max_iter=10,
                               tol=1.1)
    assert len(path) == 4
    # at (0.6, 0.8) the gradient's norm is exactly 2: stop at once
    path, _ = gradient_descent(bowl, [0.6, 0.8], lr=0.25, max_iter=10,
                               tol=2.0)
    np.testing.assert_array_equal(path, [[0.6, 0.8]])


def test_gradient_descent_evaluates_once_per_point_and_reports_each():
    calls, seen = [], []

    def counted(w):
        calls.append(w.copy())
        return bowl(w)

    path, losses = gradient_descent(counted, (1.0, -2.0), lr=0.25,
                                    max_iter=3,
                                    callback=lambda w, loss: seen.append(
                                        (w.copy(), loss)))
    assert len(calls) == 4 and len(seen) == 4
    np.testing.assert_array_equal([w for w, _ in seen], path)
    np.testing.assert_array_equal([loss for _, loss in seen], losses)
    path0, losses0 = gradient_descent(counted, [3.0, 4.0], lr=0.25,
                                      max_iter=0)
    np.testing.assert_array_equal(path0, [[3.0, 4.0]])
    np.testing.assert_array_equal(losses0, [25.0])


def test_gradient_descent_leaves_w0_alone():
    w0 = np.array([1.0, -2.0])
    gradient_descent(bowl, w0, lr=0.25, max_iter=3)
    np.testing.assert_array_equal(w0, [1.0, -2.0])


@pytest.mark.parametrize("kwargs, message", [
    (dict(lr=0.0), "lr must be a positive finite number, got 0.0"),
    (dict(lr=-1), "lr must be a positive finite number, got -1"),
    (dict(lr=np.inf), "lr must be a positive finite number, got inf"),
    (dict(lr=np.nan), "lr must be a positive finite number, got nan"),
    (dict(lr="0.1"), "lr must be a positive finite number, got '0.1'"),
    (dict(max_iter=-1), "max_iter must be an integer >= 0, got -1"),
    (dict(max_iter=2.5), "max_iter must be an integer >= 0, got 2.5"),
    (dict(max_iter=True), "max_iter must be an integer >= 0, got True"),
    (dict(tol=-0.5), "tol must be a finite number >= 0, got -0.5"),
    (dict(w0=[[1.0, 2.0]]), r"w0 must be a non-empty 1-D array of finite "
                            r"numbers, got \[\[1.0, 2.0\]\]"),
    (dict(w0=[]), r"w0 must be .*, got \[\]"),
    (dict(w0=[np.nan, 1.0]), r"w0 must be .*, got \[nan, 1.0\]"),
    (dict(w0="ab"), "w0 must be .*, got 'ab'"),
    (dict(loss_grad=3), "loss_grad must be a function .*, got 3"),
    (dict(callback="print"), "callback must be a function .*, got 'print'"),
    (dict(loss_grad=lambda w: (0.0, np.zeros(3))),
     r"gradient of the shape of w, \(2,\); got shape \(3,\)"),
])
def test_gradient_descent_rejects_bad_input(kwargs, message):
    args = dict(loss_grad=bowl, w0=[1.0, 2.0], lr=0.1, max_iter=3)
    with pytest.raises(ValueError, match=message):
        gradient_descent(**{**args, **kwargs})


def test_rosenbrock_values_by_hand():
    assert rosenbrock(1.0, 1.0) == 0.0            # the minimum
    assert rosenbrock(0.0, 0.0) == 1.0
    assert rosenbrock(-1.0, 2.0) == 104.0         # 2² + 100 (2 - 1)²
    assert rosenbrock(2, 3) == 101.0              # 1 + 100 (3 - 4)²
    grid = rosenbrock(np.array([[0.0, 1.0], [-1.0, 2.0]]),
                      np.array([[0.0, 1.0], [2.0, 3.0]]))
    np.testing.assert_array_equal(grid, [[1.0, 0.0], [104.0, 101.0]])


def test_rosenbrock_grad_by_hand():
    np.testing.assert_array_equal(rosenbrock_grad(1.0, 1.0), [0.0, 0.0])
    np.testing.assert_array_equal(rosenbrock_grad(0.0, 0.0), [-2.0, 0.0])
    # d/dx = -2 (1 - x) - 400 x (y - x²), d/dy = 200 (y - x²)
    np.testing.assert_array_equal(rosenbrock_grad(-1.0, 2.0), [396.0, 200.0])
    np.testing.assert_array_equal(rosenbrock_grad(2.0, 3.0), [802.0, -200.0])
    grid = rosenbrock_grad(np.array([[1.0, 0.0], [-1.0, 2.0]]),
                           np.array([[1.0, 0.0], [2.0, 3.0]]))
    assert grid.shape == (2, 2, 2)
    np.testing.assert_array_equal(grid[:, 1, 1], [802.0, -200.0])
    np.testing.assert_array_equal(grid[0], [[0.0, -2.0], [396.0, 802.0]])


def test_rosenbrock_grad_matches_central_differences():
    rng = np.random.default_rng(0)
    h, tol = 1e-6, 1e-6
    for x, y in rng.uniform(-2, 2, size=(20, 2)):
        num = [(rosenbrock(x + h, y) - rosenbrock(x - h, y)) / (2 * h),
               (rosenbrock(x, y + h) - rosenbrock(x, y - h)) / (2 * h)]
        np.testing.assert_allclose(rosenbrock_grad(x, y), num, rtol=tol,
                                   atol=tol)


@pytest.mark.parametrize("function", [rosenbrock, rosenbrock_grad])
def test_rosenbrock_rejects_bad_coordinates(function):
    with pytest.raises(ValueError, match="x must be a number .*got 'a'"):
        function("a", 1.0)
    with pytest.raises(ValueError, match="y must be a number .*got 'b'"):
        function(1.0, "b")
    with pytest.raises(ValueError, match=r"x and y must have the same shape "
                                         r".*got shapes \(2,\) and \(3,\)"):
        function(np.zeros(2), np.zeros(3))

"""Tests of nncourse.networks: shapes, counts, initial weights, the flat
vector cut into arrays and joined again, and the two-class network's loss
and gradient, checked against hand-made values and central differences."""
import numpy as np
import pytest

from nncourse.networks import (
    classifier_loss_grad,
    count_weights,
    init_weights,
    layer_shapes,
    pack,
    unpack,
)

SHAPES_2_3_1 = [(2, 3), (3,), (3, 1), (1,)]      # 6 + 3 + 3 + 1 = 13


def test_layer_shapes_lists_each_matrix_then_its_bias():
    assert layer_shapes([2, 3, 1]) == SHAPES_2_3_1
    assert layer_shapes((3, 4, 5, 2)) == [(3, 4), (4,), (4, 5), (5,),
                                          (5, 2), (2,)]
    assert layer_shapes(np.array([1, 8, 1])) == [(1, 8), (8,), (8, 1), (1,)]


@pytest.mark.parametrize("sizes", [[2], [], [2, 0], [2, -3], [2, 1.5],
                                   [2, True], 5, None])
def test_layer_shapes_rejects_bad_sizes_naming_them(sizes):
    with pytest.raises(ValueError, match="layer_sizes.*got") as info:
        layer_shapes(sizes)
    assert repr(sizes) in str(info.value)


def test_count_weights_adds_the_sizes():
    assert count_weights(SHAPES_2_3_1) == 13
    assert count_weights(layer_shapes([2, 8, 1])) == 33     # lecture 04
    assert count_weights(layer_shapes([1, 8, 1])) == 25     # lecture 05
    assert isinstance(count_weights([(np.int64(2), np.int64(5))]), int)


@pytest.mark.parametrize("shapes", [[], [(2, 0)], [(2, -1)], [5], [(2.0,)],
                                    "ab", None])
def test_count_weights_rejects_bad_shapes_naming_them(shapes):
    with pytest.raises(ValueError, match="shapes .*got") as info:
        count_weights(shapes)
    assert repr(shapes) in str(info.value)


def test_init_weights_draws_standard_normals_from_rng():
    w = init_weights(SHAPES_2_3_1, np.random.default_rng(5))
    want = np.random.default_rng(5).normal(0.0, 1.0, size=13)
    assert w.shape == (13,)
    np.testing.assert_array_equal(w, want)
    again = init_weights(SHAPES_2_3_1, np.random.default_rng(5))
    np.testing.assert_array_equal(again, w)
    other = init_weights(SHAPES_2_3_1, np.random.default_rng(6))
    assert not np.array_equal(other, w)


@pytest.mark.parametrize("rng", [0, None, np.random.RandomState(0)])
def test_init_weights_wants_a_generator(rng):
    with pytest.raises(ValueError, match="rng must be a numpy.random."
                                         "Generator.*got"):
        init_weights(SHAPES_2_3_1, rng)


def test_init_weights_checks_the_shapes():
    with pytest.raises(ValueError, match=r"shapes .*got \[\(0, 3\)\]"):
        init_weights([(0, 3)], np.random.default_rng(0))


def test_unpack_cuts_w_row_by_row_in_order():
    W1, b1, W2, b2 = unpack(np.arange(13.0), SHAPES_2_3_1)
    np.testing.assert_array_equal(W1, [[0, 1, 2], [3, 4, 5]])
    np.testing.assert_array_equal(b1, [6, 7, 8])
    np.testing.assert_array_equal(W2, [[9], [10], [11]])
    np.testing.assert_array_equal(b2, [12])
    assert [a.shape for a in (W1, b1, W2, b2)] == SHAPES_2_3_1


def test_unpack_returns_views_of_w():
    w = np.zeros(13)
    W1, b1, _, b2 = unpack(w, SHAPES_2_3_1)
    W1[1, 2] = 7.0
    b2[0] = -1.0
    assert w[5] == 7.0 and w[12] == -1.0
    w[6] = 3.0
    assert b1[0] == 3.0


@pytest.mark.parametrize("w", [np.zeros(12), np.zeros(14), np.zeros((13, 1)),
                               np.zeros(()), [0.0] * 12])
def test_unpack_rejects_a_vector_of_the_wrong_size(w):
    shape = np.shape(w)
    with pytest.raises(ValueError, match=r"w must be a 1-D vector of 13 "
                                         rf"weights.*shape {shape}"
                                         .replace("(", r"\(")
                                         .replace(")", r"\)")):
        unpack(w, SHAPES_2_3_1)


def test_pack_flattens_row_by_row_one_array_after_another():
    w = pack([[[1, 2], [3, 4]], [5], [[6]]])
    np.testing.assert_array_equal(w, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert w.dtype == np.float64 and w.shape == (6,)


def test_pack_undoes_unpack():
    w = np.random.default_rng(1).normal(size=13)
    np.testing.assert_array_equal(pack(unpack(w, SHAPES_2_3_1)), w)
    arrays = [np.full(s, float(i)) for i, s in enumerate(SHAPES_2_3_1)]
    for got, want in zip(unpack(pack(arrays), SHAPES_2_3_1), arrays):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("arrays, message", [
    ([], r"arrays must hold at least one array, got \[\]"),
    ([np.zeros(2), ["a", "b"]], "arrays must be arrays of numbers"),
])
def test_pack_rejects_bad_arrays(arrays, message):
    with pytest.raises(ValueError, match=message):
        pack(arrays)


def small_problem(seed=0, n=7):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=13), rng.normal(size=(n, 2)),
            rng.integers(0, 2, size=n))


def test_classifier_loss_is_the_mean_cross_entropy():
    w, X, y = small_problem()
    W1, b1, W2, b2 = unpack(w, SHAPES_2_3_1)
    p = 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)[:, 0]))
    want = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    loss, grad = classifier_loss_grad(w, X, y, SHAPES_2_3_1)
    assert isinstance(loss, float) and grad.shape == (13,)
    assert loss == pytest.approx(want, rel=1e-12)
    # zero weights: p = 1/2 for every point, E = log 2, and only b2 and W2
    # (which sees H = 0) can move: dE/db2 = mean(p - y)
    loss, grad = classifier_loss_grad(np.zeros(13), X, y, SHAPES_2_3_1)
    assert loss == pytest.approx(np.log(2))
    np.testing.assert_allclose(grad[:12], 0.0)
    assert grad[12] == pytest.approx(np.mean(0.5 - y))


def test_classifier_gradient_matches_central_differences():
    w, X, y = small_problem(seed=3)
    _, grad = classifier_loss_grad(w, X, y, SHAPES_2_3_1)
    eye, h = np.eye(13), 1e-6
    numeric = np.array([
        (classifier_loss_grad(w + h * e, X, y, SHAPES_2_3_1)[0]
         - classifier_loss_grad(w - h * e, X, y, SHAPES_2_3_1)[0]) / (2 * h)
        for e in eye])
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)


def test_classifier_loss_stays_finite_for_saturated_outputs():
    w = np.zeros(13)
    w[12] = 800.0                                  # z = 800: p rounds to 1
    loss, grad = classifier_loss_grad(w, [[0.0, 0.0]], [0], SHAPES_2_3_1)
    assert loss == pytest.approx(800.0)            # -log(1 - p) = z
    assert np.isfinite(grad).all() and grad[12] == pytest.approx(1.0)


@pytest.mark.parametrize("argument, bad, message", [
    ("shapes", [(2, 3), (3,), (3, 2), (2,)], "shapes must be the shapes of "
     "a network with one hidden layer and one output"),
    ("shapes", layer_shapes([2, 3, 3, 1]), "shapes must be the shapes"),
    ("w", np.zeros(12), "w must be a 1-D vector of 13 weights"),
    ("X", np.zeros((7, 3)), "X must be a 2-D array of finite numbers with 2 "
     "columns"),
    ("X", np.zeros((0, 2)), "X must be .* at least one row"),
    ("X", [[np.nan, 0.0]] * 7, "X must be"),
    ("y", np.full(7, 0.5), r"y must be a 1-D array of 0s and 1s, one class "
     r"per row of X \(7 rows\)"),
    ("y", np.zeros(6), r"y must be .* \(7 rows\)"),
    ("y", np.zeros((7, 1)), "y must be"),
])
def test_classifier_loss_grad_rejects_bad_input_naming_it(argument, bad,
                                                           message):
    w, X, y = small_problem()
    args = {"w": w, "X": X, "y": y, "shapes": SHAPES_2_3_1, argument: bad}
    with pytest.raises(ValueError, match=message):
        classifier_loss_grad(**args)

"""Tests of nncourse.plotting: each helper returns its axes, draws what it
says, and rejects bad input with a ValueError that says what to fix."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch  # noqa: E402

from nncourse.plotting import (  # noqa: E402
    draw_graph,
    plot_decision_map,
    plot_loss_landscape,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def add_mul_graph():
    """The graph of f = (x + y) z at x=-2, y=5, z=-4."""
    nodes = {
        "x": {"xy": (0, 2)}, "y": {"xy": (0, 1)}, "z": {"xy": (0, 0)},
        "+": {"xy": (1.5, 1.5), "kind": "op"},
        "*": {"xy": (3, 0.75), "kind": "op", "label": "×"},
        "f": {"xy": (4.5, 0.75)},
    }
    edges = [("x", "+", -2, -4), ("y", "+", 5, -4), ("z", "*", -4, 3),
             ("+", "*", 3, -4), ("*", "f", -12, 1.0)]
    return nodes, edges


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0])


def linear_prob(P):
    return 1 / (1 + np.exp(-3 * (P[:, 0] - P[:, 1])))


def bowl(W1, W2):
    return W1 ** 2 + 5 * W2 ** 2


# ---------------------------------------------------------------- draw_graph
def test_draw_graph_returns_axes_and_draws_nodes_edges_and_values():
    nodes, edges = add_mul_graph()
    ax = draw_graph(nodes, edges)
    assert isinstance(ax, Axes)
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(circles) == 2                  # the two operations
    assert len(arrows) == len(edges)
    assert len(ax.patches) == len(nodes) + len(edges)
    # one label per node, a forward value and a gradient per edge
    assert len(ax.texts) == len(nodes) + 2 * len(edges)
    texts = [t.get_text() for t in ax.texts]
    assert "-12" in texts and "×" in texts


def test_draw_graph_colours_forward_and_backward_values():
    nodes, edges = add_mul_graph()
    ax = draw_graph(nodes, edges, forward_color="blue",
                    backward_color="orange", legend=False)
    colours = [t.get_color() for t in ax.texts]
    assert colours.count("blue") == len(edges)
    assert colours.count("orange") == len(edges)
    assert ax.get_legend() is None


def test_draw_graph_skips_missing_values_and_uses_given_axes():
    nodes, _ = add_mul_graph()
    edges = [("x", "+"), ("y", "+", 5, None), ("+", "*", None, "-4")]
    fig, ax = plt.subplots()
    out = draw_graph(nodes, edges, ax=ax, title="partial")
    assert out is ax
    assert len(ax.texts) == len(nodes) + 2
    assert ax.get_title() == "partial"
    assert ax.get_legend() is not None


@pytest.mark.parametrize("nodes, edges, message", [
    ({}, [], "non-empty dict"),
    ({"x": (0, 0)}, [], "'xy'"),
    ({"x": {"xy": (0, 0, 1)}}, [], "two finite numbers"),
    ({"x": {"xy": (0, 0), "kind": "gate"}}, [], "'kind'"),
    ({"x": {"xy": (0, 0)}}, [("x", "q")], "not in nodes"),
    ({"x": {"xy": (0, 0)}}, [("x", "x")], "itself"),
    ({"x": {"xy": (0, 0)}, "y": {"xy": (1, 0)}}, [("x",)], "(source, target"),
    ({"x": {"xy": (0, 0)}, "y": {"xy": (1, 0)}}, [("x", "y", [1], 2)],
     "numbers, strings or None"),
])
def test_draw_graph_rejects_bad_input(nodes, edges, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        draw_graph(nodes, edges)


def test_draw_graph_rejects_non_positive_radius():
    nodes, edges = add_mul_graph()
    with pytest.raises(ValueError, match="node_radius must be > 0"):
        draw_graph(nodes, edges, node_radius=0)


# --------------------------------------------------------- plot_decision_map
def test_decision_map_probability_draws_map_boundary_and_samples():
    ax = plot_decision_map(linear_prob, XOR_X, XOR_Y, title="linear")
    assert isinstance(ax, Axes)
    # filled contour set, the 0.5 contour line, the scatter of samples
    assert len(ax.collections) == 3
    scatter = ax.collections[-1]
    assert scatter.get_offsets().shape == (4, 2)
    assert ax.get_title() == "linear"
    assert ax.get_xlabel() and ax.get_ylabel()


def test_decision_map_class_scores_show_argmax_without_boundary_line():
    def two_scores(P):
        return np.column_stack([P[:, 0], P[:, 1]])

    fig, ax = plt.subplots()
    out = plot_decision_map(two_scores, XOR_X, np.eye(2)[XOR_Y], ax=ax,
                            colorbar=False)
    assert out is ax
    assert len(ax.collections) == 2           # filled map and samples
    assert len(fig.axes) == 1                 # no colour bar


def test_decision_map_colorbar_and_regression_values():
    fig, ax = plt.subplots()
    plot_decision_map(lambda P: 10 * P.sum(axis=1), XOR_X,
                      np.array([0.0, 10, 10, 20]), ax=ax, threshold=None)
    assert len(ax.collections) == 2
    assert len(fig.axes) == 2                 # the axes and its colour bar


def test_decision_map_constant_output_does_not_fail():
    ax = plot_decision_map(lambda P: np.full(len(P), 5.0), XOR_X,
                           resolution=5, colorbar=False)
    assert isinstance(ax, Axes)


@pytest.mark.parametrize("kwargs, message", [
    (dict(X=np.zeros((4, 3))), r"shape \(n_samples, 2\)"),
    (dict(X=np.zeros(4)), r"shape \(n_samples, 2\)"),
    (dict(X=np.zeros((0, 2))), "at least one sample"),
    (dict(X=np.array([[0.0, np.nan]] * 4)), "NaN"),
    (dict(y=np.array([0, 1, 1])), "one entry per sample"),
    (dict(resolution=1), "resolution must be an integer >= 2"),
    (dict(predict="not a function"), "predict must be a function"),
    (dict(predict=lambda P: P[:3, 0]), "rows"),
    (dict(predict=lambda P: np.full(len(P), np.nan)), "NaN"),
    (dict(vmin=1.0, vmax=0.0), "vmin < vmax"),
])
def test_decision_map_rejects_bad_input(kwargs, message):
    args = dict(predict=linear_prob, X=XOR_X, y=XOR_Y)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        plot_decision_map(**args)


# ------------------------------------------------------- plot_loss_landscape
def test_loss_landscape_draws_contours_and_one_line_per_path():
    paths = {"lr = 0.1": [[2, 1.5], [1, 0.5], [0, 0]],
             "lr = 0.5": np.array([[-2, 1.5], [0, -1]])}
    ax = plot_loss_landscape(bowl, (-3, 3), (-2, 2), paths=paths,
                             title="bowl")
    assert isinstance(ax, Axes)
    assert len(ax.collections) == 1           # the contour set
    # a line with markers and a start marker per path
    assert len(ax.lines) == 2 * len(paths)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == list(paths)
    assert ax.get_xlim() == (-3, 3) and ax.get_ylim() == (-2, 2)


def test_loss_landscape_without_paths_and_with_log_levels():
    fig, ax = plt.subplots()
    out = plot_loss_landscape(lambda a, b: bowl(a, b) + 1, (-1, 1), (-1, 1),
                              ax=ax, log_levels=True, resolution=10)
    assert out is ax
    assert len(ax.lines) == 0 and ax.get_legend() is None


@pytest.mark.parametrize("kwargs, message", [
    (dict(xlim=(1, -1)), "xlim must be"),
    (dict(ylim=(0, 0)), "ylim must be"),
    (dict(loss=lambda a, b: a[0]), "one value per grid point"),
    (dict(paths={"bad": [1, 2, 3]}), r"shape \(n_steps, 2\)"),
    (dict(log_levels=True), "positive loss"),
    (dict(resolution=1.5), "resolution must be an integer"),
])
def test_loss_landscape_rejects_bad_input(kwargs, message):
    args = dict(loss=lambda a, b: a * b, xlim=(-1, 1), ylim=(-1, 1))
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        plot_loss_landscape(**args)


def test_plotting_module_holds_no_gradient_code():
    """The package must not answer the backprop assignment."""
    import nncourse.plotting as plotting

    forbidden = {"dense_forward", "dense_backward", "relu_backward",
                 "sigmoid_backward", "tanh_backward", "mse_loss", "mse_grad",
                 "numerical_gradient", "relative_error", "MLPRegressor"}
    assert not forbidden & set(dir(plotting))

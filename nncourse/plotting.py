"""Figures that several lectures draw: graphs, decision maps, loss landscapes.

Every function draws on a Matplotlib ``Axes`` (a new one when ``ax`` is None)
and returns it, so a caller can add titles, legends or more curves. Bad input
raises ``ValueError`` with a message that says what to change.

Nothing here trains a network or computes a gradient: the functions only draw
what the caller has computed.
"""
from __future__ import annotations

import numbers
from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from numpy.typing import ArrayLike

__all__ = ["draw_graph", "plot_decision_map", "plot_loss_landscape"]

FORWARD_COLOR = "tab:green"
BACKWARD_COLOR = "tab:red"


def _get_ax(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _format_value(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Real):
        return f"{value:.3g}" if abs(value) < 1e4 else f"{value:.2e}"
    raise ValueError(
        "edge values must be numbers, strings or None, "
        f"got {type(value).__name__}: {value!r}")


def _check_nodes(nodes):
    if not isinstance(nodes, dict) or not nodes:
        raise ValueError(
            "nodes must be a non-empty dict mapping each node name to a "
            "dict with at least the key 'xy', e.g. "
            "{'x': {'xy': (0, 0)}}; "
            f"got {type(nodes).__name__}")
    checked = {}
    for name, spec in nodes.items():
        if not isinstance(spec, dict) or "xy" not in spec:
            raise ValueError(
                f"node {name!r} must be a dict with the key 'xy' holding its "
                f"(x, y) position, got {spec!r}")
        xy = np.asarray(spec["xy"], dtype=float)
        if xy.shape != (2,) or not np.all(np.isfinite(xy)):
            raise ValueError(
                f"node {name!r}: 'xy' must be two finite numbers (x, y), "
                f"got {spec['xy']!r}")
        kind = spec.get("kind", "value")
        if kind not in ("value", "op"):
            raise ValueError(
                f"node {name!r}: 'kind' must be 'value' (drawn as a box) or "
                f"'op' (drawn as a circle), got {kind!r}")
        label = str(spec.get("label", name))
        checked[name] = (xy, label, kind)
    return checked


def _check_edges(edges, names):
    checked = []
    for edge in edges:
        if not isinstance(edge, (tuple, list)) or len(edge) not in (2, 4):
            raise ValueError(
                "each edge must be (source, target) or (source, target, "
                f"forward_value, backward_value), got {edge!r}")
        src, dst = edge[0], edge[1]
        for end in (src, dst):
            if end not in names:
                raise ValueError(
                    f"edge {edge!r} names the node {end!r}, which is not in "
                    f"nodes; known nodes: {sorted(map(str, names))}")
        if src == dst:
            raise ValueError(
                f"edge {edge!r} joins a node to itself; a computational "
                "graph has no self-loops")
        fwd, bwd = (edge[2], edge[3]) if len(edge) == 4 else (None, None)
        checked.append((src, dst, _format_value(fwd), _format_value(bwd)))
    return checked


def draw_graph(nodes: Mapping[str, dict], edges: Sequence[Sequence],
               ax: Axes | None = None, *, node_radius: float = 0.3,
               forward_color: str = FORWARD_COLOR,
               backward_color: str = BACKWARD_COLOR,
               title: str | None = None, legend: bool = True,
               fontsize: float = 11) -> Axes:
    """Draw a small computational graph with forward values and gradients.

    Each edge can carry two numbers: the value flowing forward (written above
    the edge in ``forward_color``) and the gradient of the final output with
    respect to that value, flowing backward (written below, in
    ``backward_color``).

    Introduced in lecture 03 (course/03_backprop.ipynb).

    Parameters
    ----------
    nodes : dict
        Maps each node name to a dict with the keys ``'xy'`` (its position,
        a pair of floats in data coordinates), optionally ``'label'`` (the
        text drawn inside; default the name) and ``'kind'``: ``'value'``
        (an input or result, drawn as a box; the default) or ``'op'`` (an
        operation, drawn as a circle).
    edges : sequence of tuple
        Each edge is ``(source, target)`` or ``(source, target, forward,
        backward)``, where ``forward`` and ``backward`` are numbers, strings
        or None (nothing written).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when None.
    node_radius : float, default 0.3
        Half the size of a node, in data units.
    forward_color, backward_color : color, optional
        Colours of the forward values and of the gradients.
    title : str, optional
        Title of the axes.
    legend : bool, default True
        Add a legend explaining the two colours.
    fontsize : float, default 11
        Size of the node labels; edge values are a little smaller.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, holding one patch per node followed by one arrow patch per
        edge, one text per node label and one text per number written.

    Raises
    ------
    ValueError
        If a node has no valid ``'xy'`` or ``'kind'``, if an edge names an
        unknown node or joins a node to itself, or if ``node_radius`` is not
        positive.
    """
    checked_nodes = _check_nodes(nodes)
    checked_edges = _check_edges(edges, checked_nodes)
    if not node_radius > 0:
        raise ValueError(
            f"node_radius must be > 0 (in data units), got {node_radius!r}")
    ax = _get_ax(ax, (6, 3))
    r = node_radius
    patches = {}
    for name, (xy, label, kind) in checked_nodes.items():
        if kind == "op":
            patch = Circle(xy, r, facecolor="lightyellow",
                           edgecolor="black", zorder=2)
        else:
            patch = FancyBboxPatch(xy - r, 2 * r, 2 * r,
                                   boxstyle="round,pad=0,rounding_size=0.05",
                                   facecolor="aliceblue", edgecolor="black",
                                   zorder=2)
        ax.add_patch(patch)
        patches[name] = patch
        ax.text(*xy, label, ha="center", va="center", fontsize=fontsize,
                zorder=3)
    for src, dst, fwd, bwd in checked_edges:
        start, end = checked_nodes[src][0], checked_nodes[dst][0]
        ax.add_patch(FancyArrowPatch(
            start, end, patchA=patches[src], patchB=patches[dst],
            arrowstyle="-|>", mutation_scale=12, color="0.3", zorder=1))
        mid = (start + end) / 2
        direction = (end - start) / np.linalg.norm(end - start)
        normal = np.array([-direction[1], direction[0]])
        if normal[1] < 0 or (normal[1] == 0 and normal[0] < 0):
            normal = -normal              # "above" is always upwards
        offset = 0.55 * r * normal
        for text, sign, color in ((fwd, 1, forward_color),
                                  (bwd, -1, backward_color)):
            if text is not None:
                ax.text(*(mid + sign * offset), text, color=color,
                        ha="center", va="center", fontsize=fontsize - 1,
                        fontweight="bold", zorder=3)
    xy_all = np.array([xy for xy, _, _ in checked_nodes.values()])
    lo, hi = xy_all.min(axis=0) - 2 * r, xy_all.max(axis=0) + 2 * r
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_aspect("equal")
    ax.axis("off")
    if legend:
        ax.plot([], [], color=forward_color, lw=3, label="forward value")
        ax.plot([], [], color=backward_color, lw=3, label="gradient")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.02), ncol=2,
                  fontsize=fontsize - 2, frameon=False)
    if title is not None:
        ax.set_title(title)
    return ax


def _check_points(X):
    points = np.asarray(X, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(
            "X must have shape (n_samples, 2): a decision map is drawn in "
            f"two dimensions; got shape {points.shape}")
    if points.shape[0] == 0:
        raise ValueError("X must hold at least one sample, got 0 rows")
    if not np.isfinite(points).all():
        raise ValueError("X contains NaN or infinity; remove those rows")
    return points


def plot_decision_map(predict: Callable[[np.ndarray], ArrayLike],
                      X: ArrayLike, y: ArrayLike | None = None,
                      ax: Axes | None = None, *, resolution: int = 150,
                      padding: float = 0.5, threshold: float | None = 0.5,
                      cmap: str = "RdBu_r", vmin: float | None = None,
                      vmax: float | None = None, colorbar: bool = True,
                      title: str | None = None, xlabel: str = "$x_1$",
                      ylabel: str = "$x_2$") -> Axes:
    """Colour the plane by a model's output and overlay the samples.

    Introduced in lecture 03 (course/03_backprop.ipynb).

    Parameters
    ----------
    predict : callable
        Takes an ndarray of shape (n_points, 2) and returns the model's output
        of shape (n_points,) or (n_points, 1) (a probability or a regression
        value, shown as a colour) or (n_points, n_classes) with n_classes >= 2
        (the predicted class, the arg-max of each row, is shown).
    X : array-like of shape (n_samples, 2)
        The samples to scatter; they also fix the extent of the map.
    y : array-like of shape (n_samples,), optional
        Labels or target values, used to colour the samples.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when None.
    resolution : int, default 150
        Number of grid points along each axis (at least 2).
    padding : float, default 0.5
        Margin added around the samples, in the units of ``X``.
    threshold : float or None, default 0.5
        For a one-column output, draw the contour line at this value (the
        decision boundary of a probability); None draws no line.
    cmap : str or Colormap, default "RdBu_r"
        Colour map of the map and of the samples.
    vmin, vmax : float, optional
        Colour limits; by default 0 and 1 when all outputs lie in [0, 1],
        otherwise the range of the outputs and of ``y``.
    colorbar : bool, default True
        Add a colour bar next to the axes.
    title, xlabel, ylabel : str, optional
        Labels of the axes.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, holding the filled contour set, the threshold contour line
        when one was drawn, and one scatter of the samples.

    Raises
    ------
    ValueError
        If ``X`` does not have shape (n_samples, 2) or holds NaN, if ``y``
        does not have one entry per sample, if ``resolution`` is below 2, or
        if ``predict`` returns the wrong number of rows or a non-finite value.
    """
    if not callable(predict):
        raise ValueError(
            "predict must be a function taking an (n_points, 2) array, e.g. "
            f"lambda X: model.forward(X); got {type(predict).__name__}")
    X = _check_points(X)
    if y is not None:
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] > 1:
            y = y.argmax(axis=1)        # one-hot labels
        y = y.reshape(-1) if y.ndim == 2 and y.shape[1] == 1 else y
        if y.shape != (X.shape[0],):
            raise ValueError(
                f"y must have one entry per sample, shape ({X.shape[0]},); "
                f"got shape {y.shape}")
    if not (isinstance(resolution, numbers.Integral) and resolution >= 2):
        raise ValueError(
            f"resolution must be an integer >= 2, got {resolution!r}")
    ax = _get_ax(ax, (4.5, 4))
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    out = np.asarray(predict(grid), dtype=float)
    if out.ndim not in (1, 2) or out.shape[0] != grid.shape[0]:
        raise ValueError(
            f"predict must return an array with {grid.shape[0]} rows (one per "
            f"grid point it was given), got shape {out.shape}")
    if not np.all(np.isfinite(out)):
        raise ValueError("predict returned NaN or infinity on the grid")
    classes = out.ndim == 2 and out.shape[1] > 1
    if classes:
        z = out.argmax(axis=1).reshape(g1.shape).astype(float)
        levels = np.arange(out.shape[1] + 1) - 0.5
        lo_c, hi_c = 0, out.shape[1] - 1
    else:
        z = out.reshape(g1.shape)
        values = z if y is None else np.concatenate([z.ravel(), y.ravel()])
        if np.all((values >= 0) & (values <= 1)):
            lo_c, hi_c = 0.0, 1.0
        else:
            lo_c, hi_c = float(np.min(values)), float(np.max(values))
            if lo_c == hi_c:              # a constant output
                lo_c, hi_c = lo_c - 0.5, hi_c + 0.5
    lo_c = lo_c if vmin is None else vmin
    hi_c = hi_c if vmax is None else vmax
    if not hi_c > lo_c:
        raise ValueError(
            f"the colour range must have vmin < vmax, got vmin={lo_c!r}, "
            f"vmax={hi_c!r}")
    if not classes:
        levels = np.linspace(lo_c, hi_c, 21)
    outside = not classes and (z.min() < lo_c or z.max() > hi_c)
    filled = ax.contourf(g1, g2, z, levels=levels, cmap=cmap, alpha=0.8,
                         vmin=lo_c, vmax=hi_c,
                         extend="both" if outside else "neither")
    if not classes and threshold is not None and z.min() < threshold < z.max():
        ax.contour(g1, g2, z, levels=[threshold], colors="k",
                   linewidths=1.5)
    if y is None:
        ax.scatter(X[:, 0], X[:, 1], c="k", s=20, zorder=3)
    else:
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=cmap, vmin=lo_c, vmax=hi_c,
                   edgecolors="k", s=40, zorder=3)
    if colorbar:
        ax.figure.colorbar(filled, ax=ax,
                           label="class" if classes else "model output")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_loss_landscape(loss: Callable[[np.ndarray, np.ndarray], ArrayLike],
                        xlim: tuple[float, float], ylim: tuple[float, float],
                        paths: Mapping[str, ArrayLike] | None = None,
                        ax: Axes | None = None, *, resolution: int = 120,
                        levels: int = 25, log_levels: bool = False,
                        title: str | None = None, xlabel: str = "$w_1$",
                        ylabel: str = "$w_2$") -> Axes:
    """Contour plot of a loss of two parameters, with optimisation paths.

    Introduced in lecture 03 (course/03_backprop.ipynb).

    Parameters
    ----------
    loss : callable
        Takes two ndarrays ``W1, W2`` of the same shape (a grid of the two
        parameters) and returns the loss at every grid point, same shape.
    xlim, ylim : tuple of float
        ``(low, high)`` range of the first and of the second parameter.
    paths : dict, optional
        Maps a legend label to an array-like of shape (n_steps, 2): the
        parameters visited by an optimiser, first row the starting point.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when None.
    resolution : int, default 120
        Number of grid points along each axis (at least 2).
    levels : int, default 25
        Number of contour lines.
    log_levels : bool, default False
        Space the contour lines logarithmically (for losses spanning many
        orders of magnitude; the loss must then be positive).
    title, xlabel, ylabel : str, optional
        Labels of the axes.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, holding one contour set and, per path, one line (with
        markers) and one marker for the starting point.

    Raises
    ------
    ValueError
        If a range is not ``(low, high)`` with low < high, if the loss has
        the wrong shape or (with ``log_levels``) is not positive, or if a path
        is not an array of shape (n_steps, 2).
    """
    for name, lim in (("xlim", xlim), ("ylim", ylim)):
        lim = np.asarray(lim, dtype=float)
        if lim.shape != (2,) or not lim[0] < lim[1]:
            raise ValueError(
                f"{name} must be (low, high) with low < high, got {lim!r}")
    if not (isinstance(resolution, numbers.Integral) and resolution >= 2):
        raise ValueError(
            f"resolution must be an integer >= 2, got {resolution!r}")
    paths = {} if paths is None else paths
    checked = {}
    for label, path in paths.items():
        path = np.asarray(path, dtype=float)
        if path.ndim != 2 or path.shape[1] != 2 or len(path) == 0:
            raise ValueError(
                f"path {label!r} must have shape (n_steps, 2), one row per "
                f"visited point; got shape {path.shape}")
        checked[label] = path
    ax = _get_ax(ax, (5, 4))
    W1, W2 = np.meshgrid(np.linspace(*xlim, resolution),
                         np.linspace(*ylim, resolution))
    Z = np.asarray(loss(W1, W2), dtype=float)
    if Z.shape != W1.shape:
        raise ValueError(
            "loss(W1, W2) must return one value per grid point, shape "
            f"{W1.shape}; got shape {Z.shape}")
    if log_levels:
        if not np.all(Z > 0):
            raise ValueError(
                "log_levels=True needs a positive loss on the whole grid; "
                "shift the loss or use log_levels=False")
        contour_levels = np.geomspace(Z.min(), Z.max(), levels)
    else:
        contour_levels = levels
    ax.contour(W1, W2, Z, levels=contour_levels, cmap="viridis",
               linewidths=0.8)
    for label, path in checked.items():
        (line,) = ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2,
                          label=label)
        ax.plot(*path[0], "s", color=line.get_color(), ms=7)
    if checked:
        ax.legend()
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax

"""Figures that several lectures draw: graphs, decision maps, loss landscapes.

Every function draws on a Matplotlib ``Axes`` (a new one when ``ax`` is None)
and returns it, so a caller can add titles, legends or more curves. Bad input
raises ``ValueError`` with a message that says what to change.

Nothing here trains a network or computes a gradient: the functions only draw
what the caller has computed.
"""
from __future__ import annotations

import numbers
from typing import Callable, Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from numpy.typing import ArrayLike

from nncourse import _checks

__all__ = ["draw_graph", "plot_decision_map", "plot_loss_landscape"]

FORWARD_COLOR = "tab:green"
BACKWARD_COLOR = "tab:red"


def _get_ax(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _format_value(value):
    """The text written for an edge value, or None for nothing."""
    if value is None or isinstance(value, str):
        return value
    return f"{value:.3g}" if abs(value) < 1e4 else f"{value:.2e}"


def _check_nodes(nodes):
    """{name: (xy, label, kind)} for the nodes of :func:`draw_graph`."""
    if not isinstance(nodes, dict) or not nodes:
        raise _checks.invalid(
            "nodes", "a non-empty dict mapping each node name to a dict "
            "with at least the key 'xy', e.g. {'x': {'xy': (0, 0)}}", nodes)
    checked = {}
    for name, spec in nodes.items():
        if not isinstance(spec, dict) or "xy" not in spec:
            raise _checks.invalid(
                f"nodes[{name!r}]", "a dict with the key 'xy' holding its "
                "(x, y) position", spec)
        what = "two finite numbers (x, y)"
        xy = _checks.float_array(spec["xy"], f"nodes[{name!r}]['xy']",
                                 ndim=1, what=what)
        if xy.shape != (2,):
            raise _checks.invalid(f"nodes[{name!r}]['xy']", what,
                                  spec["xy"])
        kind = _checks.one_of(
            spec.get("kind", "value"), f"nodes[{name!r}]['kind']",
            ("value", "op"),
            what="'value' (drawn as a box) or 'op' (drawn as a circle)")
        label = str(spec.get("label", name))
        checked[name] = (xy, label, kind)
    return checked


def _is_edge_value(value):
    return value is None or isinstance(value, (str, numbers.Real))


def _check_edges(edges, names):
    """(source, target, forward text, backward text) for each edge."""
    what = ("a list of edges (source, target) or (source, target, "
            "forward_value, backward_value)")
    if isinstance(edges, (str, bytes)) or not isinstance(edges, Iterable):
        raise _checks.invalid("edges", what, edges)
    checked = []
    for i, edge in enumerate(edges):
        if not isinstance(edge, (tuple, list)) or len(edge) not in (2, 4):
            raise _checks.invalid(
                f"edges[{i}]", "(source, target) or (source, target, "
                "forward_value, backward_value)", edge)
        src, dst = edge[0], edge[1]
        unknown = [end for end in (src, dst) if end not in names]
        if unknown:
            raise ValueError(
                f"edges[{i}] must join two of the nodes "
                f"{sorted(map(str, names))}, got {_checks.shown(edge)} with "
                f"{unknown[0]!r} not in nodes.")
        if src == dst:
            raise _checks.invalid(
                f"edges[{i}]", "two different nodes, not a node joined to "
                "itself (a computational graph has no self-loops)", edge)
        fwd, bwd = (edge[2], edge[3]) if len(edge) == 4 else (None, None)
        if not (_is_edge_value(fwd) and _is_edge_value(bwd)):
            raise _checks.invalid(
                f"edges[{i}]", "(source, target, forward_value, "
                "backward_value) with values that are numbers, strings or "
                "None", edge)
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
        unknown node, joins a node to itself or carries a value that is not
        a number, string or None, if ``node_radius`` or ``fontsize`` is not
        a positive finite number, or if ``legend`` is not a bool.
    """
    checked_nodes = _check_nodes(nodes)
    checked_edges = _check_edges(edges, checked_nodes)
    r = _checks.number(node_radius, "node_radius", above=0.0,
                       what="> 0 and finite (in data units)")
    fontsize = _checks.number(fontsize, "fontsize", above=0.0)
    legend = _checks.boolean(legend, "legend")
    ax = _get_ax(ax, (6, 3))
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
    """X as a finite float array of shape (n_samples, 2), n_samples >= 1."""
    what = ("an array of shape (n_samples, 2) with at least one sample and "
            "no NaN or infinity (a decision map is drawn in two "
            "dimensions)")
    points = _checks.float_array(X, "X", ndim=2, what=what)
    if points.shape[1] != 2 or points.shape[0] == 0:
        raise _checks.invalid("X", what, X)
    return points


def _check_labels(y, n_samples):
    """y as a float array of shape (n_samples,); one-hot rows become
    classes."""
    what = (f"an array of finite labels or targets with one entry per "
            f"sample, shape ({n_samples},)")
    labels = _checks.float_array(y, "y", ndim=(1, 2), what=what)
    if labels.ndim == 2 and labels.shape[1] > 1:
        labels = labels.argmax(axis=1)        # one-hot labels
    labels = labels.reshape(-1) if labels.ndim == 2 else labels
    if labels.shape != (n_samples,):
        raise _checks.invalid("y", what, y)
    return labels


def _optional_number(value, name):
    """None, or ``value`` as a finite float."""
    return None if value is None else _checks.number(value, name)


def _model_output(predict, grid):
    """predict(grid) as a finite float array with one row per grid
    point."""
    what = (f"an array of finite values (no NaN or infinity) with one row "
            f"per grid point it was given, {grid.shape[0]} rows")
    out = _checks.float_array(predict(grid), "predict(grid)", ndim=(1, 2),
                              what=what)
    if out.shape[0] != grid.shape[0]:
        raise _checks.invalid("predict(grid)", what, out)
    return out


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
        If ``predict`` is not callable, ``X`` does not have shape
        (n_samples, 2) or holds NaN, ``y`` does not have one finite entry
        per sample, ``resolution`` is not an integer >= 2, ``padding``,
        ``threshold``, ``vmin`` or ``vmax`` is not a finite number (or
        None where allowed), ``vmin >= vmax``, ``colorbar`` is not a bool,
        or ``predict`` returns the wrong number of rows or a non-finite
        value.
    """
    _checks.function(predict, "predict",
                     "a function taking an (n_points, 2) array, e.g. "
                     "lambda X: model.forward(X)")
    X = _check_points(X)
    if y is not None:
        y = _check_labels(y, X.shape[0])
    resolution = _checks.count(resolution, "resolution", at_least=2)
    padding = _checks.number(padding, "padding", at_least=0.0)
    threshold = _optional_number(threshold, "threshold")
    vmin = _optional_number(vmin, "vmin")
    vmax = _optional_number(vmax, "vmax")
    colorbar = _checks.boolean(colorbar, "colorbar")
    ax = _get_ax(ax, (4.5, 4))
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    out = _model_output(predict, grid)
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
        name, value, other = (("vmax", hi_c, f"> vmin = {lo_c:g}")
                              if vmin is None else
                              ("vmin", lo_c, f"< vmax = {hi_c:g}"))
        raise _checks.invalid(
            name, f"{other} (the colour range needs vmin < vmax)", value)
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


def _check_range(lim, name):
    """``lim`` as a pair of finite floats (low, high) with low < high."""
    what = "(low, high) of finite numbers with low < high"
    pair = _checks.float_array(lim, name, ndim=1, what=what)
    if pair.shape != (2,) or not pair[0] < pair[1]:
        raise _checks.invalid(name, what, lim)
    return pair


def _check_paths(paths):
    """{label: finite float array of shape (n_steps, 2)} from ``paths``."""
    if paths is None:
        return {}
    if not isinstance(paths, Mapping):
        raise _checks.invalid(
            "paths", "a dict mapping a legend label to an array of shape "
            "(n_steps, 2), or None", paths)
    checked = {}
    for label, path in paths.items():
        what = ("a finite array of shape (n_steps, 2), one row per visited "
                "point")
        points = _checks.float_array(path, f"paths[{label!r}]", ndim=2,
                                     what=what)
        if points.shape[1] != 2 or len(points) == 0:
            raise _checks.invalid(f"paths[{label!r}]", what, path)
        checked[label] = points
    return checked


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
        If ``loss`` is not callable, a range is not ``(low, high)`` of
        finite numbers with low < high, ``resolution`` or ``levels`` is not
        a count, ``log_levels`` is not a bool, a path is not a finite
        array of shape (n_steps, 2), or the loss has the wrong shape or
        (with ``log_levels``) is not positive.
    """
    _checks.function(loss, "loss", "a function of two grids W1, W2")
    xlim = _check_range(xlim, "xlim")
    ylim = _check_range(ylim, "ylim")
    resolution = _checks.count(resolution, "resolution", at_least=2)
    levels = _checks.count(levels, "levels")
    log_levels = _checks.boolean(log_levels, "log_levels")
    checked = _check_paths(paths)
    ax = _get_ax(ax, (5, 4))
    W1, W2 = np.meshgrid(np.linspace(*xlim, resolution),
                         np.linspace(*ylim, resolution))
    what = f"an array with one value per grid point, shape {W1.shape}"
    Z = _checks.float_array(loss(W1, W2), "loss(W1, W2)", finite=False,
                            what=what)
    if Z.shape != W1.shape:
        raise _checks.invalid("loss(W1, W2)", what, Z)
    if log_levels:
        if not np.all(Z > 0):
            raise _checks.invalid(
                "loss(W1, W2)", "a positive loss on the whole grid for "
                "log_levels=True (shift the loss or use log_levels=False)",
                Z)
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

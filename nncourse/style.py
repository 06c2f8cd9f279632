"""One colour and one display name per optimizer, shared by every lecture.

Introduced in lecture 04 (course/04_optimizers.ipynb); lecture 05 reuses
its colours and adds those of ``bfgs``, ``lbfgs``, ``lm``, ``newton`` and
``newton-cg``. A curve, a trajectory, an arrow or a box that belongs to an
optimizer takes its colour from here, so the same method looks the same in
every picture of the course; the lectures write no colour of a method
themselves (tests/test_style.py checks their code).
"""

from nncourse import _checks

__all__ = ["OPTIMIZER_COLORS", "OPTIMIZER_LABELS", "optimizer_color",
           "optimizer_label"]

#: Colour of each optimizer, keyed by its short lower-case name.
OPTIMIZER_COLORS = {
    "sgd": "#555555",        # plain gradient descent: dark grey
    "momentum": "#1f77b4",   # blue
    "nesterov": "#17becf",   # cyan, a relative of momentum
    "adagrad": "#bcbd22",    # olive
    "adadelta": "#8c564b",   # brown
    "rmsprop": "#ff7f0e",    # orange
    "adam": "#d62728",       # red
    "adamw": "#fb6a4a",      # light red, a relative of Adam
    "rprop": "#2ca02c",      # green
    "quickprop": "#e377c2",  # pink
    "cg": "#9467bd",         # purple
    "bfgs": "#393b79",       # indigo (lecture 05)
    "lbfgs": "#6b6ecf",      # light indigo (lecture 05)
    "lm": "#843c39",         # dark red (lecture 05)
    "newton": "#637939",     # dark olive green (lecture 05)
    "newton-cg": "#8ca252",  # light olive green, Newton's relative (05)
}

#: How each optimizer is written in titles and legends.
OPTIMIZER_LABELS = {
    "sgd": "SGD", "momentum": "momentum", "nesterov": "Nesterov",
    "adagrad": "AdaGrad", "adadelta": "AdaDelta", "rmsprop": "RMSprop",
    "adam": "Adam", "adamw": "AdamW", "rprop": "rProp",
    "quickprop": "quickProp",
    "cg": "conjugate gradients", "bfgs": "BFGS", "lbfgs": "L-BFGS",
    "lm": "Levenberg–Marquardt", "newton": "Newton",
    "newton-cg": "Newton-CG",
}


def _key(name):
    """The lower-case key of a known optimizer's name."""
    key = name.lower() if isinstance(name, str) else None
    if key not in OPTIMIZER_COLORS:
        raise ValueError(
            f"name must be one of the known optimizers "
            f"({', '.join(sorted(OPTIMIZER_COLORS))}), got unknown "
            f"optimizer {_checks.shown(name)}.")
    return key


def optimizer_color(name: str) -> str:
    """The colour that stands for an optimizer in every figure.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Parameters
    ----------
    name : str
        Short name of the optimizer, a key of :data:`OPTIMIZER_COLORS`
        such as ``"adam"`` (upper or lower case).

    Returns
    -------
    color : str
        A Matplotlib colour string (``"#rrggbb"``).

    Raises
    ------
    ValueError
        If ``name`` is not a known optimizer; the message lists the known
        names.

    Examples
    --------
    >>> optimizer_color("Adam")
    '#d62728'
    """
    return OPTIMIZER_COLORS[_key(name)]


def optimizer_label(name: str) -> str:
    """How an optimizer is written in titles and legends, e.g. ``'AdaGrad'``.

    Introduced in lecture 04 (course/04_optimizers.ipynb).

    Parameters
    ----------
    name : str
        Short name of the optimizer, a key of :data:`OPTIMIZER_COLORS`.

    Returns
    -------
    label : str
        The display name from :data:`OPTIMIZER_LABELS`.

    Raises
    ------
    ValueError
        If ``name`` is not a known optimizer.
    """
    return OPTIMIZER_LABELS[_key(name)]

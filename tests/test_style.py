"""Tests of nncourse.style: one valid, distinct colour per optimizer, and
lectures 04 and 05 take every method's colour from it."""
import ast
import re

import matplotlib.colors as mcolors
import nbformat
import pytest

from coursetools.course import REPO
from nncourse.style import (
    OPTIMIZER_COLORS,
    OPTIMIZER_LABELS,
    optimizer_color,
    optimizer_label,
)

LECTURE_04 = ["sgd", "momentum", "nesterov", "adagrad", "adadelta",
              "rmsprop", "adam", "adamw", "rprop", "quickprop", "cg"]
LECTURE_05 = ["bfgs", "lbfgs", "lm", "newton", "newton-cg"]
OPTIMIZER_LECTURES = ["04_optimizers.ipynb", "05_second_order.ipynb"]
# Colours a lecture may write itself: they belong to no method (greys for
# contours and reference lines, black edges, the gold star of a minimum).
NEUTRAL = {"black", "white", "whitesmoke", "gray", "grey", "gold", "none"}
GREY_LEVEL = re.compile(r"\A(0?\.\d+|[01])\Z")
CYCLE_FSTRING = re.compile(r"\Af(['\"])(C|tab:|#)")


def test_every_optimizer_of_lectures_04_and_05_has_a_colour():
    assert set(LECTURE_04 + LECTURE_05) <= set(OPTIMIZER_COLORS)


def test_colours_are_valid_and_distinct():
    rgb = [mcolors.to_rgb(c) for c in OPTIMIZER_COLORS.values()]
    assert len(set(rgb)) == len(rgb)
    # distinct enough to tell apart: no two closer than 0.1 in RGB space
    for i, a in enumerate(rgb):
        for b in rgb[i + 1:]:
            assert sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5 > 0.1


def test_optimizer_color_looks_up_case_insensitively():
    assert optimizer_color("adam") == OPTIMIZER_COLORS["adam"]
    assert optimizer_color("RMSprop") == OPTIMIZER_COLORS["rmsprop"]


def test_labels_cover_the_same_names():
    assert set(OPTIMIZER_LABELS) == set(OPTIMIZER_COLORS)
    assert optimizer_label("adagrad") == "AdaGrad"


@pytest.mark.parametrize("bad", ["adamax", "", "sgd ", None, 3])
def test_unknown_names_raise_a_clear_value_error(bad):
    with pytest.raises(ValueError, match="unknown optimizer") as info:
        optimizer_color(bad)
    assert "adam" in str(info.value)       # the message lists known names
    with pytest.raises(ValueError, match="unknown optimizer"):
        optimizer_label(bad)


def written_colours(source):
    """The colour strings a code cell writes itself, other than neutral
    ones: ``"tab:green"``, ``"C0"``, ``f"C{k}"``, ``"#2ca02c"``, ``"red"``.
    One-letter strings are left alone: they are format codes (``"o-"``,
    ``f"{x:g}"``) far more often than colours."""
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.JoinedStr):
            text = ast.unparse(node)
            if CYCLE_FSTRING.match(text):
                found.append(text)
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and len(node.value) > 1 and mcolors.is_color_like(node.value)
              and node.value.lower() not in NEUTRAL
              and not GREY_LEVEL.match(node.value)):
            found.append(node.value)
    return found


def test_written_colours_finds_hard_coded_colours_only():
    assert written_colours('NEWTON = "tab:green"\nax.plot(x, color="C1")'
                           ) == ["tab:green", "C1"]
    assert written_colours('c = f"C{k}"; d = "#2ca02c"; e = "red"'
                           ) == ["f'C{k}'", "#2ca02c", "red"]
    assert written_colours('%matplotlib inline\nax.plot(x, "o-", '
                           'color="0.5", mec="k", mfc="none")\n'
                           'print(f"{x:g}")') == []


@pytest.mark.parametrize("name", OPTIMIZER_LECTURES)
def test_lectures_take_every_method_colour_from_the_style(name):
    cells = nbformat.read(REPO / "course" / name, as_version=4).cells
    written = {i: written_colours(cell.source) for i, cell
               in enumerate(cells) if cell.cell_type == "code"}
    written = {i: colours for i, colours in written.items() if colours}
    assert not written, (
        f"{name}: code cells write colours themselves (cell: colours) "
        f"{written}; give the method a colour in nncourse/style.py and use "
        "optimizer_color(name)")

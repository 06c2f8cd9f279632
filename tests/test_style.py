"""Tests of nncourse.style: one valid, distinct colour per optimizer."""
import matplotlib.colors as mcolors
import pytest

from nncourse.style import (
    OPTIMIZER_COLORS,
    OPTIMIZER_LABELS,
    optimizer_color,
    optimizer_label,
)

LECTURE_04 = ["sgd", "momentum", "nesterov", "adagrad", "adadelta",
              "rmsprop", "adam", "rprop", "quickprop", "cg"]
LECTURE_05 = ["bfgs", "lbfgs", "lm"]


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


@pytest.mark.parametrize("bad", ["adamw", "", "sgd ", None, 3])
def test_unknown_names_raise_a_clear_value_error(bad):
    with pytest.raises(ValueError, match="unknown optimizer") as info:
        optimizer_color(bad)
    assert "adam" in str(info.value)       # the message lists known names
    with pytest.raises(ValueError, match="unknown optimizer"):
        optimizer_label(bad)

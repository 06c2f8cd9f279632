"""nncourse.grading: the comparisons test cells rely on, and the switch-off."""
import math
import types

import numpy as np
import pytest

from nncourse import grading


@pytest.mark.parametrize("actual,desired", [
    ([1.0, 2.0], [1.0, 2.0]), (1.0 + 1e-9, 1.0), ([1.0, np.inf],
                                                   [1.0, np.inf]),
    (np.float32(0.1), 0.1),
])
def test_assert_close_accepts(actual, desired):
    grading.assert_close(actual, desired, rtol=1e-6)


def test_nan_matches_nan_only_when_the_caller_asks():
    grading.assert_close([np.nan, np.inf], [np.nan, np.inf], equal_nan=True)
    with pytest.raises(AssertionError, match="got nan, expected nan"):
        grading.assert_close([np.nan, np.inf], [np.nan, np.inf])
    with pytest.raises(AssertionError):
        grading.assert_close([np.nan], [1.0], equal_nan=True)
    assert grading.mismatches([np.nan], [np.nan]).all()
    assert not grading.mismatches([np.nan], [np.nan], equal_nan=True).any()


@pytest.mark.parametrize("actual,desired", [
    ([1.0, 2.0], [1.0, 3.0]), ([np.nan], [1.0]), ([1.0], [np.inf]),
    ([np.inf], [-np.inf]), ([1.0, 2.0], [1.0, 2.0, 3.0]), ("abc", [1.0]),
    ([[1.0, 2.0]], [1.0, 2.0]),
])
def test_assert_close_rejects(actual, desired):
    with pytest.raises(AssertionError):
        grading.assert_close(actual, desired)


def test_assert_close_survives_patched_numpy(monkeypatch):
    always = lambda *a, **k: True  # noqa: E731
    monkeypatch.setattr(np, "allclose", always)
    monkeypatch.setattr(np, "isclose", always)
    monkeypatch.setattr(np, "abs", lambda x: 0 * np.asarray(x))
    monkeypatch.setattr(np.testing, "assert_allclose", lambda *a, **k: None)
    monkeypatch.setattr(math, "isclose", always)
    with pytest.raises(AssertionError):
        grading.assert_close([1.0], [2.0])


def test_assert_shape():
    grading.assert_shape(np.zeros((2, 3)), (2, 3))
    with pytest.raises(AssertionError, match=r"\(3, 2\)"):
        grading.assert_shape(np.zeros((2, 3)), (3, 2))
    with pytest.raises(AssertionError):
        grading.assert_shape([1, 2], (2,))


def make_module():
    module = types.ModuleType("fake_course_module")
    exec("def simulate(x):\n    return 2 * x\n"
         "class Model:\n"
         "    def run(self):\n        return 1\n"
         "    @property\n    def value(self):\n        return 3\n"
         "    @staticmethod\n    def helper():\n        return 4\n",
         module.__dict__)
    return module


def test_disabled_switches_off_every_function_and_restores_it():
    module = make_module()
    early_reference = module.simulate          # taken before the block
    model = module.Model()
    with grading.disabled(module):
        for call in (lambda: early_reference(1), lambda: module.simulate(1),
                     model.run, lambda: model.value, module.Model.helper):
            with pytest.raises(AssertionError, match="switched off"):
                call()
    assert early_reference(2) == 4 and model.run() == 1
    assert model.value == 3 and module.Model.helper() == 4


def test_disabled_restores_after_an_error():
    module = make_module()
    with pytest.raises(ZeroDivisionError):
        with grading.disabled(module):
            raise ZeroDivisionError("inside the block")
    assert module.simulate(1) == 2


def test_assert_close_says_the_values_first_in_short_lines():
    """nbgrader's Validate cuts every line of a message at 87 characters."""
    with pytest.raises(AssertionError) as info:
        grading.assert_close([0.1, 0.5], [0.1, 0.6],
                             what="the softmax of a long batch of logits "
                                  "with a very long description indeed")
    lines = str(info.value).splitlines()
    assert lines[0] == "got 0.5, expected 0.6"
    assert "at flat index 1" in lines[1]
    assert all(len("AssertionError: " + line) <= 87 for line in lines[::2])


def test_assert_shape_believes_only_arrays():
    class SaysItsShape:
        shape = (2, 3)

    with pytest.raises(AssertionError, match="SaysItsShape"):
        grading.assert_shape(SaysItsShape(), (2, 3))
    grading.assert_shape(np.float32(1.0), ())

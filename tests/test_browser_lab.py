"""JupyterLab itself, driven by a real browser, as a student uses the course.

A ``jupyter lab`` server runs on a throwaway copy of the course, with its own
home, config and runtime folders, and headless Chromium (Debian's, through
playwright-core: ``tests/browser/lab.mjs``) uses it like a person would:

- the Hodgkin–Huxley lecture runs top to bottom without an error, and its
  interactive explorer draws a new picture when the current slider moves;
- nbgrader's Validate button fails the blank released assignment and passes
  the same notebook with the reference solution filled in;
- JupyterLab asks nothing of the network.

The browser script does the clicking and prints what it measured as one JSON
object; the tests here judge it. Screenshots go to ``test-artifacts/browser/``
(they are the README's pictures of the course in JupyterLab).

Without Chromium or ``node_modules/playwright-core`` the tests skip, unless
``NNCOURSE_REQUIRE_BROWSER=1``, which makes a missing browser a failure.
"""
import shutil
from pathlib import Path

import nbformat
import pytest

from tests import browser, labserver
from tests import coursekit as ck

pytestmark = pytest.mark.slow     # make test-fast leaves it out

ARTIFACTS = browser.ARTIFACTS

LECTURE = "course/02_hodgkin_huxley.ipynb"
# The explorer's slider of the injected current, as the lecture labels it.
CURRENT_SLIDER = "I (µA/cm²)"
CURRENT_TARGET = 20.0   # µA/cm², where the keyboard moves it (from 10)
ASSIGNMENT = "01_neuron_models"
BLANK = f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
# The released notebook with the reference solution typed in, where a
# student who fetched the assignment would have it.
SOLVED = f"student/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
COPIED = ("course", "release", "nbgrader_config.py")

BROWSER_RUN = 300       # seconds for the whole browser script


@pytest.fixture(scope="module", autouse=True)
def browser_available():
    browser.require_browser()


# --- the JupyterLab server ---------------------------------------------------

def solved_notebook():
    """The released assignment with the reference solution filled in."""
    return ck.student_notebook(ck.REPO, ASSIGNMENT, f"{ASSIGNMENT}.ipynb",
                               ck.solution_cells(ASSIGNMENT,
                                                 f"{ASSIGNMENT}.ipynb"))


def make_root(root):
    """The part of the course JupyterLab serves, copied to ``root``."""
    root.mkdir()
    for name in COPIED:
        source = ck.REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns(
                ".ipynb_checkpoints"))
        else:
            shutil.copy(source, root / name)
    solved = root / SOLVED
    solved.parent.mkdir(parents=True)
    nbformat.write(solved_notebook(), solved)
    return root


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A running ``jupyter lab`` on a copy of the course (a labserver.Lab),
    stopped afterwards with every kernel it started."""
    tmp = tmp_path_factory.mktemp("lab")
    with labserver.running(make_root(tmp / "root"), tmp / "home") as lab:
        yield lab


# --- the browser script ------------------------------------------------------

@pytest.fixture(scope="module")
def measured(lab):
    """What lab.mjs saw in JupyterLab (its JSON), run once for the module."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("lab-*.png"):
        old.unlink()
    result = browser.run_script(
        "lab.mjs", lab.url, lab.token, ARTIFACTS, LECTURE,
        CURRENT_SLIDER, CURRENT_TARGET, BLANK, SOLVED, timeout=BROWSER_RUN)
    result["server_log"] = lab.log.read_text()[-4000:]
    print("lab.mjs seconds:", result["seconds"])
    return result


def part(measured, name):
    """One part of the measurements; fail with the script's error if the
    script stopped before it."""
    if name not in measured:
        pytest.fail(f"lab.mjs stopped before measuring {name!r}: "
                    f"{measured.get('failure')}\n(screenshots in {ARTIFACTS};"
                    f" server log:)\n{measured['server_log']}")
    return measured[name]


def test_script_finished(measured):
    assert "failure" not in measured, (
        f"lab.mjs failed at: {measured.get('failure')}\n"
        f"(screenshot {ARTIFACTS / 'lab-failure.png'})")


# --- the Hodgkin–Huxley lecture ----------------------------------------------

def test_lecture_still_has_the_explorer_this_test_drives():
    nb = nbformat.read(ck.REPO / LECTURE, as_version=4)
    explorers = [c.source for c in nb.cells if c.cell_type == "code"
                 and "interactive_output(" in c.source]
    assert len(explorers) == 1, (
        f"{LECTURE} should have one cell calling interactive_output(...), "
        f"found {len(explorers)}: update lab.mjs and this test")
    assert f'"{CURRENT_SLIDER}"' in explorers[0], (
        f"the explorer no longer labels a slider {CURRENT_SLIDER!r}: "
        "update CURRENT_SLIDER")


def test_lecture_runs_in_jupyterlab_without_an_error(measured):
    lecture = part(measured, "lecture")
    assert lecture["errors"] == [], (
        f"error outputs in {LECTURE} (cell index, exception):\n"
        + "\n".join(f"  {e['cell']}: {e['ename']}: {e['evalue']}"
                    for e in lecture["errors"]))
    assert lecture["runAllSucceeded"] is True, (
        "JupyterLab's Run All reported a failed cell")
    assert lecture["codeCells"] > 0
    assert lecture["executed"] == lecture["codeCells"], (
        f"only {lecture['executed']} of {lecture['codeCells']} code cells "
        "ran")


def test_explorer_redraws_when_the_current_slider_moves(measured):
    explorer = part(measured, "explorer")
    assert explorer["cells"] == 1, "expected exactly one explorer cell"
    assert explorer["before"] == explorer["beforeAgain"], (
        "the explorer's picture read twice without a change compared "
        "different, so a difference would prove nothing")
    assert float(explorer["valueBefore"]) != CURRENT_TARGET, (
        f"the current slider already stood at {CURRENT_TARGET}")
    assert float(explorer["valueAfter"]) == CURRENT_TARGET, (
        f"the keyboard moved the current slider to {explorer['valueAfter']},"
        f" not {CURRENT_TARGET}")
    assert explorer["after"] != explorer["before"], (
        f"the explorer drew the same picture for I = {explorer['valueAfter']}"
        f" as for I = {explorer['valueBefore']}")
    assert explorer["pictures"] == 1, (
        f"the explorer shows {explorer['pictures']} pictures, not one")
    assert explorer["errorOutputs"] == [], (
        "the explorer's callback failed:\n"
        + "\n".join(explorer["errorOutputs"]))


# --- nbgrader's Validate button ----------------------------------------------

def graded_test_cells(path):
    """grade_ids of the test cells (graded, not solution) of ``path``."""
    nb = nbformat.read(path, as_version=4)
    return [ck.nbgrader_meta(c)["grade_id"] for c in nb.cells
            if ck.nbgrader_meta(c).get("grade")
            and not ck.nbgrader_meta(c).get("solution")]


def test_validate_fails_every_test_of_the_blank_release(measured):
    report = part(measured, "validateBlank")
    tests = graded_test_cells(ck.REPO / BLANK)
    assert report["title"] == "Validation Results", report
    assert "validation-failed" in report["verdicts"], (
        f"Validate did not fail the blank {BLANK}:\n{report['text'][:2000]}")
    assert len(report["failures"]) == len(tests), (
        f"Validate listed {len(report['failures'])} failed cells; the blank "
        f"release has {len(tests)} test cells, all of which need the "
        "student's code")
    wrong = [f["error"][-500:] for f in report["failures"]
             if "NotImplementedError" not in f["error"]]
    assert not wrong, ("a blank test cell failed with something else than "
                       "NotImplementedError:\n" + "\n---\n".join(wrong))


def test_validate_passes_the_release_with_the_solution_filled_in(measured):
    report = part(measured, "validateSolved")
    assert report["title"] == "Validation Results", report
    assert report["failures"] == [] and "validation-success" in report[
        "verdicts"], (f"Validate did not pass {SOLVED}:\n"
                      f"{report['text'][:4000]}")
    assert "Success! Your notebook passes all the tests." in report["text"]


# --- the page as a whole -----------------------------------------------------

def test_jupyterlab_needs_nothing_from_the_network(measured):
    part(measured, "lecture")       # JupyterLab did load and run something
    assert measured["offline"] == [], (
        "JupyterLab asked for these outside the machine (refused):\n"
        + "\n".join(measured["offline"]))


def test_no_uncaught_error_in_the_page(measured):
    part(measured, "lecture")
    assert measured["pageErrors"] == [], (
        "uncaught errors in JupyterLab's page:\n"
        + "\n".join(measured["pageErrors"]))


def png_size(path):
    """(width, height) of a PNG file, from its IHDR chunk."""
    head = Path(path).read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24],
                                                              "big")


def test_screenshots_saved(measured):
    part(measured, "validateSolved")
    window = png_size(ARTIFACTS / "lab-hodgkin-huxley.png")
    assert window == tuple(measured["window"]), (
        f"the lecture screenshot is {window}, not the browser window")
    for name in ("lab-explorer-before.png", "lab-explorer-after.png",
                 "lab-validate-blank.png", "lab-validate-solved.png"):
        width, height = png_size(ARTIFACTS / name)
        assert width > 300 and height > 200, f"{name} is {width}x{height}"

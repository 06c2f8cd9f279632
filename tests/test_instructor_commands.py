"""A term's commands, run as an instructor runs them, and what they print.

On a copy of the course where two assignments were handed in (one solved,
one blank), the commands behind `make release`, `make autograde`,
`make feedback` and `make export` run one after the other, and a student's
Validate on a solved notebook. None of them may
print a warning an instructor would have to puzzle over. The feedback pages
they make are then opened as a student opens them: a file, offline, in
Chromium; formulas must be typeset, the score list must name the tests, and
the page must ask nothing of the network.
"""
import re
import subprocess
import sys

import pytest

from tests import browser
from tests import coursekit as ck

pytestmark = pytest.mark.slow     # make test-fast leaves it out

# (student, assignment, solved?)
HANDED_IN = [("ada", "01_neuron_models", True),
             ("bo", "03_backprop", False)]
# What an instructor should never have to read: warnings of any kind,
# deprecations, tracebacks, and the ones this course has met before.
NOISE = re.compile(r"(?i)warn|deprecat|traceback|not absolute|"
                   r"without encryption|alternative text|not recognized")
COMMANDS = {
    "make release": ["-m", "coursetools", "release"],
    "make autograde": ["-m", "coursegrader", "autograde", "--workers", "2"],
    "make feedback": ["-m", "coursegrader", "feedback"],
    "make export": ["-m", "nbgrader", "export"],
    # what the Validate button runs, on ada's solved notebook
    "nbgrader validate": [
        "-m", "nbgrader", "validate",
        "submitted/ada/01_neuron_models/01_neuron_models.ipynb"],
}


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    """The course after the four commands: (root, {command: its output})."""
    root = ck.make_course(tmp_path_factory.mktemp("term") / "course")
    for student, assignment, solved in HANDED_IN:
        notebook = f"{assignment}.ipynb"
        answers = ck.solution_cells(assignment, notebook) if solved else {}
        ck.write_submission(root, assignment, ck.Submission(
            student, {notebook: ck.student_notebook(root, assignment,
                                                    notebook, answers)}))
    printed = {}
    for name, args in COMMANDS.items():
        done = subprocess.run([sys.executable, *args], cwd=root,
                              capture_output=True, text=True, timeout=1800,
                              env=ck.nbgrader_env(**ck.ONE_THREAD))
        assert done.returncode == 0, (
            f"{name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        printed[name] = done.stdout + done.stderr
    return root, printed


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_prints_no_warning(term, command):
    _, printed = term
    noisy = [line for line in printed[command].splitlines()
             if NOISE.search(line)]
    assert not noisy, f"{command} printed:\n" + "\n".join(noisy[:10])


def test_the_grading_bar_says_what_it_waits_for(term):
    _, printed = term
    bar = printed["make autograde"]
    # before the first result: the workers' start; then whose work
    assert "starting 2 workers:   0%" in bar
    assert "grading:" in bar and "01_neuron_models ada" in bar


def test_the_grades_are_exported_for_what_was_handed_in(term):
    root, _ = term
    rows = (root / "grades.csv").read_text().splitlines()
    assert {row.split(",")[0] for row in rows[1:]} == {
        assignment for _, assignment, _ in HANDED_IN}


@pytest.fixture(scope="module")
def opened(term):
    """What feedback.mjs saw on each feedback page, offline."""
    browser.require_browser()
    root, _ = term
    pages = [root / "feedback" / student / assignment / f"{assignment}.html"
             for student, assignment, _ in HANDED_IN]
    for page in pages:
        assert page.is_file(), f"make feedback wrote no {page}"
    return browser.run_script("feedback.mjs", browser.ARTIFACTS, *pages,
                              timeout=300)


def test_feedback_pages_need_no_network_and_raise_no_error(opened):
    assert opened["offline"] == []
    assert opened["errors"] == []


def test_feedback_pages_show_their_formulas_typeset(opened):
    for page, seen in opened["pages"].items():
        assert seen["drawn"] >= 10, f"{page}: {seen['drawn']} formulas drawn"
        assert seen["rawTeX"] == [], f"{page} shows TeX: {seen['rawTeX']}"


def test_feedback_score_lists_name_every_test(opened):
    for page, seen in opened["pages"].items():
        assert seen["scores"], f"{page} has no score list"
        # (entries without a score link to comments: "No response.")
        unnamed = [entry for entry in seen["scores"]
                   if "(Score:" in entry and not entry.startswith("test_")]
        assert not unnamed, f"{page}: {unnamed}"

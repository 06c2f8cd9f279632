"""The *Assignments* tab of `make lab`, round trip, on a fresh home.

`make lab` adds ``lab/`` to JUPYTER_CONFIG_PATH; its nbgrader_config.py
puts the exchange in the user's home and fetched assignments in
``coursework/``. Here a JupyterLab server runs on a copy of the course with
that setting and an empty home, and one person — instructor and student at
once, as a self-study reader or a new instructor trying the course is — goes
through a whole assignment with the lab's own HTTP endpoints (the ones the
Formgrader and Assignments panels call): release, list, fetch, submit,
collect, autograde, generate and release feedback, fetch feedback.
"""
import getpass
import shutil

import nbformat
import pytest

from tests import coursekit as ck
from tests import labserver

pytestmark = pytest.mark.slow     # make test-fast leaves it out

ASSIGNMENT = "01_neuron_models"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
COURSE_ID = "nncourse"
FULL_MARKS = 17.0


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exchange-lab")
    root = ck.make_course(tmp / "course")
    shutil.copytree(ck.REPO / "lab", root / "lab")
    home = tmp / "home"
    home.mkdir()
    with labserver.running(root, home, JUPYTER_CONFIG_PATH=str(root / "lab"),
                           XDG_DATA_HOME="") as lab:
        lab.home = home
        yield lab


def formgrader(lab, path):
    """POST to the Formgrader's API; its answer must report success."""
    answer = lab.call("POST", f"formgrader/api/{path}")
    assert answer.get("success"), f"formgrader/api/{path}: {answer}"
    return answer


def assignments(lab, action=None):
    """The Assignments tab's list, after ``action`` (fetch, submit…) if
    given: {assignment id: [its entries]}."""
    if action:
        answer = lab.call("POST", f"assignments/{action}",
                          assignment_id=ASSIGNMENT, course_id=COURSE_ID)
    else:
        answer = lab.call("GET", f"assignments?course_id={COURSE_ID}")
    assert answer.get("success"), f"assignments {action or 'list'}: {answer}"
    listed = {}
    for entry in answer["value"]:
        listed.setdefault(entry["assignment_id"], []).append(entry)
    return listed


def statuses(listed):
    return sorted(entry["status"] for entry in listed.get(ASSIGNMENT, []))


def test_assignments_tab_round_trip(lab):
    # the exchange is in the home, assignments are fetched into the course
    exchange = lab.home / ".local" / "share" / COURSE_ID / "exchange"
    work = lab.root / "coursework" / ASSIGNMENT

    formgrader(lab, f"assignment/{ASSIGNMENT}/release")
    outbound = exchange / COURSE_ID / "outbound" / ASSIGNMENT
    assert (outbound / NOTEBOOK).is_file()
    assert statuses(assignments(lab)) == ["released"]

    assert "fetched" in statuses(assignments(lab, "fetch"))
    fetched = work / NOTEBOOK
    assert fetched.is_file(), f"fetch did not write {fetched}"
    solution = ck.solution_cells(ASSIGNMENT, NOTEBOOK)
    nbformat.write(ck.student_notebook(lab.root, ASSIGNMENT, NOTEBOOK,
                                       solution), fetched)

    assert "submitted" in statuses(assignments(lab, "submit"))
    formgrader(lab, f"assignment/{ASSIGNMENT}/collect")
    student = getpass.getuser()
    assert (lab.root / "submitted" / student / ASSIGNMENT / NOTEBOOK).is_file()

    formgrader(lab, f"submission/{ASSIGNMENT}/{student}/autograde")
    submission = lab.call(
        "GET", f"formgrader/api/submission/{ASSIGNMENT}/{student}")
    assert submission["score"] == submission["max_score"] == FULL_MARKS

    formgrader(lab, f"assignment/{ASSIGNMENT}/generate_feedback")
    formgrader(lab, f"assignment/{ASSIGNMENT}/release_feedback")
    assignments(lab, "fetch_feedback")
    pages = list((work / "feedback").glob(f"*/{ASSIGNMENT}.html"))
    assert len(pages) == 1, f"fetched feedback: {pages}"
    assert f"Score: {FULL_MARKS}" in pages[0].read_text()


"""Grading a whole class with ``python -m coursegrader autograde``.

The fixture class (tests/fixture_class.py) holds correct, partly correct and
every kind of broken work across all five assignments. The grader must give
each student exactly the expected score with the reason noted, the same
grades when run again, the same grades on a PostgreSQL gradebook, and
feedback that says what failed without showing the hidden tests.
"""
import concurrent.futures
import csv
import html
import os
import re
import subprocess
import sys
import time

import nbformat
import psutil
import pytest

from tests import coursekit as ck
from tests import fixture_class as fc
from tests import pgserver

pytestmark = pytest.mark.slow     # make test-fast leaves it out

HIDDEN = re.compile(r"BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)
# The fixture course gives 01 a 5 s cell timeout (its cells take well under
# a second), so that its two endless loops cost 10 s of grading, not 120.
SHORT_TIMEOUT = '\nc.CourseGrader.cell_timeouts["01_neuron_models"] = 5\n'



def run_grader(root, *args):
    return ck.coursegrade(root, *args)


def cell_grades(root, db_url=None):
    """{(assignment, student): {grade_id: (score, max)}} from the gradebook."""
    return {(a, student): grade.cells
            for a in ck.assignments()
            for student, grade in ck.read_grades(root, a, db_url).items()}


def make_fixture_course(root, db_url=None):
    class_ = fc.make_class(root, db_url)
    with open(root / "nbgrader_config.py", "a") as f:
        f.write(SHORT_TIMEOUT)
    return class_


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    class_ = make_fixture_course(root)
    return root, class_, run_grader(root)


def test_every_student_gets_the_expected_score(graded):
    root, class_, report = graded
    assert len(report) == len(class_) >= 15
    wrong = {s.name: (report[s.assignment, s.name]["score"], s.expected)
             for s in class_
             if float(report[s.assignment, s.name]["score"]) != s.expected}
    assert not wrong, f"(given, expected): {wrong}"
    grades = cell_grades(root)
    assert {(s.assignment, s.name) for s in class_} == set(grades)


def test_every_repair_and_reason_is_in_the_summary(graded):
    _, class_, report = graded
    for s in class_:
        notes = report[s.assignment, s.name]["notes"]
        if s.note:
            assert s.note in notes, f"{s.name}: {notes!r}"
        else:
            assert notes == "", f"{s.name} needed no repair, yet: {notes!r}"


def test_grading_the_class_again_gives_the_same_grades(graded):
    root, _, first = graded
    before = cell_grades(root)
    again = run_grader(root)
    assert cell_grades(root) == before
    assert {k: (r["score"], r["notes"]) for k, r in again.items()} == \
        {k: (r["score"], r["notes"]) for k, r in first.items()}


def hidden_lines(assignment):
    """Every substantial line of the hidden tests of ``assignment`` that the
    release does not show anyway."""
    release = ck.REPO / "release" / assignment
    visible = "".join(p.read_text() for p in release.glob("*.ipynb"))
    lines = set()
    for path in (ck.REPO / "source" / assignment).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for block in HIDDEN.findall(cell.source):
                lines |= {line.strip() for line in block.splitlines()
                          if len(line.strip()) >= 12
                          and line.strip() not in visible}
    return sorted(lines)


def test_feedback_says_what_failed_without_the_hidden_tests(graded):
    root, class_, _ = graded
    for assignment in ck.assignments():
        ck.nbgrader("generate_feedback", assignment, "--force", cwd=root)
    pages = {}
    for s in class_:
        folder = root / "feedback" / s.name / s.assignment
        path = folder / f"{s.assignment}.html"
        assert path.exists(), f"no feedback for {s.name}"
        pages[s.name] = html.unescape(path.read_text())
    for s in class_:
        leaked = [line for line in hidden_lines(s.assignment)
                  if line in pages[s.name]]
        assert not leaked, (f"{s.name}'s feedback shows hidden tests: "
                            f"{leaked[:3]}")
    assert "test_softmax failed with NotImplementedError." in pages["ben"]
    assert "test_softmax failed with NameError: name 'softmax'" in pages["jo"]
    assert "test_mcculloch_pitts passed." in pages["jo"]
    assert "could not be graded as handed in" in pages["fay"]
    assert "kernel died" in pages["ivy"]


def test_a_submission_past_the_deadline_is_stopped_with_its_kernel(tmp_path):
    root = tmp_path / "course"
    ck.make_course(root)
    slow = fc.Student("sal", fc.NB01, 0, "deadline",
                      fc.answered(softmax="import time\ntime.sleep(45)"))
    slow.write(root, slow)
    seen = []
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        grading = pool.submit(run_grader, root, "--deadline", "12")
        while not grading.done():
            seen += sandboxes_of("sal")
            time.sleep(0.2)
        report = grading.result()
    row = report[fc.NB01, "sal"]
    assert float(row["score"]) == 0
    assert "ran past the deadline of 12 s" in row["notes"]
    assert seen, "never saw the submission's sandbox while it was graded"
    assert not sandboxes_of("sal"), (
        "the stopped submission left its sandbox running")


def sandboxes_of(student):
    """The sandboxes (bwrap, and the kernel it runs) grading ``student``'s
    work: bwrap's command line names the student's folder."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        if f"/autograded/{student}/" in " ".join(proc.info["cmdline"] or []):
            try:
                found += [proc, *proc.children(recursive=True)]
            except psutil.NoSuchProcess:
                pass
    return [p for p in found if p.is_running()]


@pytest.fixture(scope="module")
def postgres_url():
    required = os.environ.get("NNCOURSE_REQUIRE_POSTGRES")
    if pgserver.binaries() is None and not required:
        pytest.skip("PostgreSQL is not installed (.ci/run installs Debian's "
                    "package)")
    with pgserver.postgres() as url:
        yield url


def test_a_postgresql_gradebook_gives_the_same_grades(graded, postgres_url,
                                                      tmp_path_factory):
    root, class_, report = graded
    pg_root = tmp_path_factory.mktemp("class-postgres")
    make_fixture_course(pg_root, postgres_url)
    assert not (pg_root / "gradebook.db").exists()
    pg_report = run_grader(pg_root)
    assert cell_grades(pg_root, postgres_url) == cell_grades(root)
    assert {k: r["score"] for k, r in pg_report.items()} == \
        {k: r["score"] for k, r in report.items()}


def test_grading_without_the_sandbox_marks_every_row(tmp_path):
    root = tmp_path / "course"
    ck.make_course(root)
    ada = fc.Student("ada", fc.NB01, 17, "", fc.answered())
    ada.write(root, ada)
    report = run_grader(root, "--unsafe-no-sandbox")
    row = report[fc.NB01, "ada"]
    assert float(row["score"]) == 17
    assert row["notes"].startswith("UNSAFE: graded without the sandbox")
    # A class where only 01 was handed in: feedback and export still work.
    feedback = subprocess.run(
        [sys.executable, "-m", "coursegrader", "feedback", "--root",
         str(root)], capture_output=True, text=True)
    assert feedback.returncode == 0, feedback.stdout + feedback.stderr
    assert "02_hodgkin_huxley: no graded submissions yet" in feedback.stdout
    assert (root / "feedback" / "ada" / fc.NB01 / f"{fc.NB01}.html").exists()
    ck.nbgrader("export", cwd=root)
    with open(root / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["assignment"], r["student_id"], r["score"]) for r in rows] \
        == [(fc.NB01, "ada", "17.0")]

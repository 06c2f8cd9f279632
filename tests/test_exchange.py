"""The whole nbgrader workflow through an exchange directory, as people run it.

An instructor and two students, each with their own home directory, pass one
assignment around through a temporary exchange with the real ``nbgrader``
command line: release_assignment, fetch_assignment, submit, collect,
generate_feedback, release_feedback, fetch_feedback and export; autograde
is coursegrader's, as ``make autograde`` runs it.

nbgrader names the submitter after the account that runs ``submit``
(``pwd.getpwuid(os.getuid())``; ``$USER`` and ``$LOGNAME`` are ignored). Here
every process runs as the same account, so each student states their id with
``--student``, which nbgrader takes instead of the account name.
"""
import concurrent.futures
import csv
import json

import nbformat
import pytest

from tests import coursekit as ck

pytestmark = pytest.mark.slow     # make test-fast leaves it out

ASSIGNMENT = "01_neuron_models"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
FEEDBACK = f"{ASSIGNMENT}.html"           # the feedback page of NOTEBOOK
COURSE_ID = "nncourse"
MAX_SCORE = 17
# Bob leaves softmax as released: he loses the two tests of softmax, 2 + 1.
BOB_SKIPS = "softmax"
BOB_LOSES = {"test_softmax": 2, "test_softmax_stable": 1}
BOB_SCORE = MAX_SCORE - sum(BOB_LOSES.values())
STUDENTS = ("alice", "bob")

def run(*args, cwd, home):
    """Run ``nbgrader *args`` in ``cwd`` with ``home`` as $HOME."""
    return ck.nbgrader(*args, cwd=cwd, home=home, timeout=600)


def each_student(step, homes):
    """Run ``step(student, home)`` for every student, side by side."""
    with concurrent.futures.ThreadPoolExecutor(len(homes)) as pool:
        list(pool.map(step, homes, homes.values()))


def write_home_config(home, **settings):
    """~/.jupyter/nbgrader_config.py with ``settings`` ({'Class.trait': v})."""
    config = home / ".jupyter" / "nbgrader_config.py"
    config.parent.mkdir(parents=True)
    config.write_text("c = get_config()  # noqa: F821\n" + "".join(
        f"c.{name} = {value!r}\n" for name, value in settings.items()))


def test_release_fetch_submit_collect_grade_feedback_export(tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir()          # nbgrader makes the rest, and sets permissions

    # --- Instructor: the course, and the exchange in ~/.jupyter -----------
    instructor = tmp_path / "instructor"
    write_home_config(instructor, **{"Exchange.root": str(exchange)})
    course = ck.make_course(tmp_path / "course")

    def instructor_runs(*args):
        return run(*args, cwd=course, home=instructor)

    instructor_runs("release_assignment", ASSIGNMENT)
    outbound = exchange / COURSE_ID / "outbound" / ASSIGNMENT
    assert (outbound / NOTEBOOK).is_file()
    inbound = exchange / COURSE_ID / "inbound"
    assert inbound.is_dir() and inbound.stat().st_mode & 0o333 == 0o333, (
        "students must be able to write into the inbound directory")

    # --- Students: fetch, work, submit ------------------------------------
    homes = {s: tmp_path / "home" / s for s in STUDENTS}
    for home in homes.values():
        write_home_config(home, **{"Exchange.root": str(exchange),
                                   "CourseDirectory.course_id": COURSE_ID})

    def fetch(student, home):
        run("fetch_assignment", ASSIGNMENT, cwd=home, home=home)

    each_student(fetch, homes)
    released = course / "release" / ASSIGNMENT / NOTEBOOK
    for student, home in homes.items():
        fetched = home / ASSIGNMENT / NOTEBOOK
        assert fetched.is_file(), f"{student} did not get {NOTEBOOK}"
        assert json.loads(fetched.read_text()) == json.loads(
            released.read_text()), "fetch must hand out the release unchanged"

    answers = ck.solution_cells(ASSIGNMENT, NOTEBOOK)
    assert BOB_SKIPS in answers
    work = {"alice": answers,
            "bob": {k: v for k, v in answers.items() if k != BOB_SKIPS}}

    def do_and_submit(student, home):
        nb = ck.student_notebook(course, ASSIGNMENT, NOTEBOOK, work[student])
        nbformat.write(nb, home / ASSIGNMENT / NOTEBOOK)
        run("submit", ASSIGNMENT, f"--student={student}", cwd=home, home=home)

    each_student(do_and_submit, homes)
    inbox = sorted(p.name.split("+")[0] for p in inbound.iterdir())
    assert inbox == sorted(STUDENTS)

    # --- Instructor: collect, grade, feedback, export ---------------------
    # collect warns when a submission is not owned by the account of the
    # student it names; here one account owns them all.
    instructor_runs("collect", ASSIGNMENT,
                    "--ExchangeCollect.check_owner=False")
    timestamps = {}
    for student in STUDENTS:
        submitted = course / "submitted" / student / ASSIGNMENT
        assert (submitted / NOTEBOOK).is_file(), f"{student} was not collected"
        timestamps[student] = (submitted / "timestamp.txt").read_text().strip()
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(
        STUDENTS)

    ck.coursegrade(course, ASSIGNMENT)          # what `make autograde` runs
    grades = ck.read_grades(course, ASSIGNMENT)
    assert sorted(grades) == sorted(STUDENTS)
    assert (grades["alice"].score, grades["alice"].max_score) == (
        MAX_SCORE, MAX_SCORE), grades["alice"].cells
    assert grades["bob"].score == BOB_SCORE, grades["bob"].cells
    assert {gid: m - s for gid, (s, m) in grades["bob"].cells.items()
            if s < m} == BOB_LOSES

    instructor_runs("generate_feedback", ASSIGNMENT)
    for student in STUDENTS:
        html = course / "feedback" / student / ASSIGNMENT / FEEDBACK
        assert html.is_file(), f"no feedback for {student}"
    instructor_runs("release_feedback", ASSIGNMENT)
    # One page per submitted notebook, named by a hash only its owner knows.
    pages = list((exchange / COURSE_ID / "feedback").glob("*.html"))
    assert len(pages) == len(STUDENTS)

    # --- Students: fetch their own feedback -------------------------------
    def fetch_feedback(student, home):
        run("fetch_feedback", ASSIGNMENT, f"--student={student}",
            cwd=home, home=home)

    each_student(fetch_feedback, homes)
    scores = {"alice": MAX_SCORE, "bob": BOB_SCORE}
    for student, home in homes.items():
        folders = list((home / ASSIGNMENT / "feedback").iterdir())
        assert [f.name for f in folders] == [timestamps[student]], (
            "feedback goes into a folder named after the submission time")
        html = folders[0] / FEEDBACK
        assert html.is_file(), f"{student} did not fetch the feedback"
        mine = course / "feedback" / student / ASSIGNMENT / FEEDBACK
        assert html.read_bytes() == mine.read_bytes(), (
            f"{student} got someone else's feedback")
        assert f"{scores[student]:.1f} / {MAX_SCORE:.1f}" in html.read_text()

    # --- Instructor: the grade sheet --------------------------------------
    instructor_runs("export")
    with open(course / "grades.csv", newline="") as fh:
        # the course holds every assignment; this test handed in one
        rows = [row for row in csv.DictReader(fh)
                if row["assignment"] == ASSIGNMENT]
    assert sorted(row["student_id"] for row in rows) == sorted(STUDENTS)
    for row in rows:
        assert row["assignment"] == ASSIGNMENT
        assert float(row["score"]) == scores[row["student_id"]]
        assert float(row["max_score"]) == MAX_SCORE

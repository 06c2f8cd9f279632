"""A class of submissions with everything students hand in, and their grades.

Each :class:`Student` is written into ``submitted/`` of a generated course
and carries the score the grader must give and a phrase its summary must
note. Correct and partly correct work sits beside every kind of broken
submission: duplicated, deleted and corrupted cells, a file that is not JSON,
a missing notebook, extra files, a kernel that dies, loops that never end,
memory allocated without bound and a submission over the size limit.
"""
import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat

from tests import coursekit as ck

NB01 = "01_neuron_models"
SOFTMAX_TESTS = 3                # points of test_softmax + test_softmax_stable


@dataclass
class Student:
    name: str
    assignment: str
    expected: float              # the score the grader must give
    note: str                    # a phrase the summary must show ("" = none)
    write: Callable              # write(course, student) writes the work


def notebook_path(course, student):
    folder = Path(course) / "submitted" / student.name / student.assignment
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{student.assignment}.ipynb"


def answered(**changes):
    """A writer: the reference solution with some cells replaced; a cell
    given as None keeps the released stub."""
    def write(course, student):
        answers = ck.solution_cells(student.assignment,
                                    f"{student.assignment}.ipynb")
        answers.update(changes)
        answers = {k: v for k, v in answers.items() if v is not None}
        nb = ck.student_notebook(course, student.assignment,
                                 f"{student.assignment}.ipynb", answers)
        nbformat.write(nb, notebook_path(course, student))
        return nb
    return write


def edited(edit, **changes):
    """A writer: ``answered(**changes)``, then ``edit(nb)`` on the notebook."""
    def write(course, student):
        nb = answered(**changes)(course, student)
        edit(nb)
        nbformat.write(nb, notebook_path(course, student))
    return write


def index(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells)
                if ck.nbgrader_meta(c).get("grade_id") == grade_id)


def duplicate_cells(nb):
    for gid in ("test_mcculloch_pitts", "mcculloch_pitts"):
        i = index(nb, gid)
        nb.cells.insert(i + 1, copy.deepcopy(nb.cells[i]))


def delete_softmax_with_its_tests(nb):
    for gid in ("softmax", "test_softmax", "test_softmax_stable"):
        del nb.cells[index(nb, gid)]


def corrupt_metadata(nb):
    test = nb.cells[index(nb, "test_softmax")]
    test.metadata.nbgrader.update(points=100, grade=False, locked=False)
    test.source = "pass"
    perceptron = nb.cells[index(nb, "perceptron_train")]
    perceptron.metadata.nbgrader["grade_id"] = "mine"
    nb.cells[index(nb, "activation")].metadata["nbgrader"] = "garbage"


def invalid_json(course, student):
    answered()(course, student)
    path = notebook_path(course, student)
    path.write_text(path.read_text()[:5000])       # cut off mid-file


def no_notebook(course, student):
    notebook_path(course, student).parent.joinpath("README.txt").write_text(
        "I wrote my answers in a Word document.\n")


def with_extra_files(course, student):
    answered()(course, student)
    folder = notebook_path(course, student).parent
    (folder / "data.csv").write_text("x,y\n1,2\n")
    nbformat.write(nbformat.v4.new_notebook(), folder / "scratch.ipynb")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "junk.txt").write_text("junk")


def oversized(course, student):
    answered()(course, student)
    folder = notebook_path(course, student).parent
    with open(folder / "weights.bin", "wb") as f:
        f.truncate(60_000_000)        # 60 MB against the course's 20 MB


STUBBORN_LOOP = ("import signal\n"
                 "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                 "while True:\n    pass\n")
MEMORY_HOG = ("def _grow():\n    chunks = []\n    while True:\n"
              "        chunks.append(np.ones(10**8))\n_grow()\n")


def softmax_after(prefix):
    """The reference softmax cell with ``prefix`` run first."""
    return prefix + "\n" + ck.solution_cells(NB01, f"{NB01}.ipynb")["softmax"]


def students():
    """The fixture class: 18 submissions over all five assignments."""
    return [
        Student("ada", NB01, 17, "", answered()),
        Student("ben", NB01, 17 - SOFTMAX_TESTS, "", answered(softmax=None)),
        Student("cy", NB01, 17, "second copy", edited(duplicate_cells)),
        Student("dee", NB01, 17 - SOFTMAX_TESTS,
                "put back the deleted cell 'softmax'",
                edited(delete_softmax_with_its_tests)),
        Student("eve", NB01, 17, "restored the nbgrader metadata",
                edited(corrupt_metadata)),
        Student("fay", NB01, 0, "not a readable notebook", invalid_json),
        Student("gus", NB01, 0, "is missing", no_notebook),
        Student("hal", NB01, 17, "ignored scratch.ipynb", with_extra_files),
        Student("ivy", NB01, 0, "kernel died",
                answered(softmax="import os\nos._exit(1)")),
        Student("jo", NB01, 17 - SOFTMAX_TESTS, "",
                answered(softmax=softmax_after("while True:\n    pass\n"))),
        Student("kim", NB01, 0, "did not stop when interrupted",
                answered(softmax=STUBBORN_LOOP)),
        Student("lu", NB01, 17 - SOFTMAX_TESTS, "",
                answered(softmax=softmax_after(MEMORY_HOG))),
        Student("mo", NB01, 0, "over the course's limit", oversized),
        Student("ned", "02_hodgkin_huxley", 21, "", answered()),
        Student("oli", "02_hodgkin_huxley", 21 - 3, "",
                answered(find_threshold_current=None)),
        Student("pat", "03_backprop", 24, "", answered()),
        Student("quin", "04_optimizers", 24, "", answered()),
        Student("rae", "05_second_order", 24, "", answered()),
    ]


def make_class(root, db_url=None):
    """A generated course with every assignment and the fixture class in
    ``submitted/``; returns the students. ``db_url`` puts the gradebook
    elsewhere than SQLite (set before anything is generated)."""
    ck.make_course(root, db_url)
    class_ = students()
    for student in class_:
        student.write(root, student)
    return class_

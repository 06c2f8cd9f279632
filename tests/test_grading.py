"""Grade known submissions with the course's grader (``make autograde``).

For every assignment: the reference solution gets full marks, the untouched
release gets 0, every mutant loses points in the test cells that should catch
it, every valid alternative gets full marks, and tampering (test cells edited
or deleted, comparison helpers patched) gains nothing. Every case of every
assignment is one student of one class, graded in one run, in parallel.
"""
import os

import pytest

from tests import coursekit as ck
from tests.cases import cases_for

pytestmark = pytest.mark.slow     # make test-fast leaves it out

# GRADE_ONLY=03_backprop,04_optimizers grades only those (while working on
# them); CI grades every assignment.
ASSIGNMENTS = [a for a in ck.assignments()
               if a in os.environ.get("GRADE_ONLY", a).split(",")]

# Put first in a solution cell: make every comparison helper of the kernel
# agree, rebind the names the visible tests use, and stop IPython from
# sending error outputs (nbgrader's Execute still records the failed reply).
PATCH_COMPARISONS = '''
get_ipython().showtraceback = lambda *args, **kwargs: None
get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)
import math, numpy as np, numpy.testing
import nncourse.grading as _grading
_yes = lambda *args, **kwargs: True
_none = lambda *args, **kwargs: None
np.allclose = np.array_equal = np.array_equiv = math.isclose = _yes
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.broadcast(a, b).shape,
                                                   dtype=bool)
for _name in dir(np.testing):
    if _name.startswith("assert"):
        setattr(np.testing, _name, _none)
assert_close = assert_shape = _none
_grading.assert_close = _grading.assert_shape = _none
'''


class Plan:
    """The submissions of one assignment, built from its cases module: one
    student per case, named after it (``solution``, ``mutant-...``)."""

    def __init__(self, course, assignment):
        self.assignment = assignment
        self.cases = cases_for(assignment)
        self.notebook, = ck.notebook_names(assignment)   # one per assignment
        self.answers = ck.solution_cells(assignment, self.notebook)
        self.course = course
        self.submissions = []
        first_cell = next(iter(self.answers))
        self.add("solution", self.answers)
        self.add("blank", {})
        for m in self.cases.MUTANTS:
            self.add(f"mutant-{ck.slug(m.name)}", m.apply(self.answers))
        for a in self.cases.ALTERNATIVES:
            self.add(f"alt-{ck.slug(a.name)}", a.apply(self.answers))
        for name in self.cases.PATCHED:
            answers = self.mutant(name).apply(self.answers)
            answers[first_cell] = (PATCH_COMPARISONS + "\n"
                                   + answers[first_cell])
            self.add(f"patched-{ck.slug(name)}", answers)
        victim = self.mutant(self.cases.PATCHED[0]).apply(self.answers)
        self.add("tests-edited", victim, edit=lambda c: "pass")
        self.add("tests-deleted", victim, edit=lambda c: None)

    def mutant(self, name):
        return next(m for m in self.cases.MUTANTS if m.name == name)

    def add(self, student, answers, edit=None):
        nb = ck.student_notebook(self.course, self.assignment, self.notebook,
                                 answers)
        if edit is not None:
            kept = []
            for cell in nb.cells:
                if ck.nbgrader_meta(cell).get("grade"):
                    cell.source = edit(cell)
                    if cell.source is None:
                        continue
                kept.append(cell)
            nb.cells = kept
        self.submissions.append(ck.Submission(student, {self.notebook: nb}))


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """{assignment: {student: Grade}}: every case of every assignment,
    handed in to one course and graded together by coursegrader, as
    ``make autograde`` grades a class."""
    course = ck.make_course(tmp_path_factory.mktemp("cases"))
    for assignment in ASSIGNMENTS:
        for submission in Plan(course, assignment).submissions:
            ck.write_submission(course, assignment, submission)
    ck.coursegrade(course)
    return {a: ck.read_grades(course, a) for a in ASSIGNMENTS}


def cases(kind):
    params = []
    for assignment in ASSIGNMENTS:
        module = cases_for(assignment)
        for case in getattr(module, kind):
            name = case if isinstance(case, str) else case.name
            params.append(pytest.param(assignment, name,
                                       id=f"{assignment}:{ck.slug(name)}"))
    return params


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_gets_full_marks(graded, assignment):
    g = graded[assignment]["solution"]
    assert g.max_score > 0 and g.score == g.max_score, g.cells


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_release_gets_zero(graded, assignment):
    g = graded[assignment]["blank"]
    assert g.score == 0 and g.max_score > 0, g.cells


@pytest.mark.parametrize("assignment,name", cases("MUTANTS"))
def test_mutant_loses_points(graded, assignment, name):
    mutant = next(m for m in cases_for(assignment).MUTANTS if m.name == name)
    g = graded[assignment][f"mutant-{ck.slug(name)}"]
    assert g.score < g.max_score, f"{name!r} got full marks"
    missed = mutant.caught_by - g.lost()
    assert not missed, (f"{name!r} should fail {sorted(missed)}; it lost "
                        f"points only in {sorted(g.lost())}")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_test_cell_catches_some_mutant(graded, assignment):
    grades = graded[assignment]
    cells = set(grades["solution"].cells)
    caught = set().union(*(g.lost() for s, g in grades.items()
                           if s.startswith("mutant-")))
    assert cells <= caught, f"no mutant fails {sorted(cells - caught)}"


@pytest.mark.parametrize("assignment,name", cases("ALTERNATIVES"))
def test_valid_alternative_gets_full_marks(graded, assignment, name):
    g = graded[assignment][f"alt-{ck.slug(name)}"]
    assert g.score == g.max_score, f"{name!r} lost points in {g.lost()}"


@pytest.mark.parametrize("assignment,name", cases("PATCHED"))
def test_patched_comparisons_gain_nothing(graded, assignment, name):
    grades = graded[assignment]
    patched = grades[f"patched-{ck.slug(name)}"]
    honest = grades[f"mutant-{ck.slug(name)}"]
    assert patched.cells == honest.cells
    assert patched.score < patched.max_score


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("tamper", ["tests-edited", "tests-deleted"])
def test_tampered_test_cells_are_restored(graded, assignment, tamper):
    grades = graded[assignment]
    victim = grades[f"mutant-{ck.slug(cases_for(assignment).PATCHED[0])}"]
    g = grades[tamper]
    assert (g.score, g.max_score) == (victim.score, victim.max_score)
    assert g.cells == victim.cells

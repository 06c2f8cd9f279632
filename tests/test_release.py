"""release/ is exactly what nbgrader makes from source/, and gives nothing
away."""
import ast
import json
import re

import nbformat
import pytest

from coursetools.course import strip_markers
from tests import coursekit as ck

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS",
                    re.S)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def source_cells(assignment):
    for name in ck.notebook_names(assignment):
        nb = nbformat.read(ck.REPO / "source" / assignment / name, 4)
        yield from nb.cells


def distinctive_lines(block):
    """Lines long and specific enough that a copy would not be a
    coincidence."""
    return {line.strip() for line in block.splitlines()
            if len(line.strip()) >= 30 and not line.strip().startswith("#")}


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ck.assignments())
def test_release_is_what_nbgrader_generates(assignment):
    course = ck.generated_course()
    for name in ck.notebook_names(assignment):
        generated = course / "release" / assignment / name
        fresh = json.loads(generated.read_text())
        path = ck.REPO / "release" / assignment / name
        assert path.exists(), f"{path} is missing: run `make release`"
        stored = json.loads(path.read_text())
        assert stored == fresh, (f"{path} is not what `nbgrader "
                                 "generate_assignment` makes from source/: "
                                 "run `make release` and commit the result")


@pytest.mark.parametrize("assignment", ck.assignments())
def test_release_holds_no_solution_and_no_hidden_test(assignment):
    secret = set()
    for cell in source_cells(assignment):
        blocks = HIDDEN.findall(cell.source) + SOLUTION.findall(cell.source)
        for block in blocks:
            secret |= distinctive_lines(block)
    assert secret, "found no solution or hidden test to check against"
    for path in (ck.REPO / "release" / assignment).glob("*.ipynb"):
        text = "\n".join(c.source for c in nbformat.read(path, 4).cells)
        assert "BEGIN HIDDEN TESTS" not in text
        assert "BEGIN SOLUTION" not in text
        leaked = sorted(line for line in secret if line in text)
        assert not leaked, f"{path.name} gives away: {leaked[:5]}"


def defined_names(code):
    return {node.name for node in ast.parse(code).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


@pytest.mark.parametrize("assignment", ck.assignments())
def test_nncourse_holds_no_answer(assignment):
    """A student must not pass a graded cell by importing from nncourse."""
    answers = set()
    for cell in source_cells(assignment):
        if ck.nbgrader_meta(cell).get("solution"):
            answers |= defined_names(strip_markers(cell.source))
    assert answers
    for module in (ck.REPO / "nncourse").rglob("*.py"):
        tree = ast.parse(module.read_text())
        defined = {node.name for node in ast.walk(tree)
                   if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        assert not answers & defined, (
            f"{module.name} defines {sorted(answers & defined)}, "
            f"which {assignment} asks students to write")


@pytest.mark.parametrize("assignment", ck.assignments())
def test_deleted_test_cells_can_be_put_back(assignment):
    """nbgrader 0.9.6 re-inserts a deleted test cell after the nbgrader cell
    that precedes it in the source, and crashes the whole autograde run
    (KeyError) unless that cell is a solution or test cell: a locked
    "given" cell right before a test cell is not allowed."""
    cells = [c for c in source_cells(assignment) if ck.nbgrader_meta(c)]
    for before, cell in zip(cells, cells[1:]):
        meta, prev = ck.nbgrader_meta(cell), ck.nbgrader_meta(before)
        if meta.get("grade") and not (prev.get("grade")
                                      or prev.get("solution")):
            raise AssertionError(
                f"{assignment}: test cell {meta['grade_id']!r} follows the "
                f"locked cell {prev['grade_id']!r}; put a solution or test "
                "cell between them")

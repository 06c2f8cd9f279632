"""Issue 15: every clause an assignment's text states is mapped to the test
cells that check it (tables in ``tests/contracts/``).

Fast: reads the source notebooks, runs nothing. For each assignment:

* every function or class a solution cell defines has a row in the table
  (and the row ``"notebook"`` holds rules stated for the whole notebook);
* every clause's ``quote`` occurs in the notebook's text (its markdown and
  the solution cells without the solutions), whitespace normalised;
* every grade_id in the table is a test cell of the notebook, and every
  test cell checks at least one clause;
* every clause names a test, or carries a ``gap`` saying why none does.
"""
from __future__ import annotations

import ast
import re

import nbformat
import pytest

from coursetools.course import (
    REPO,
    SOLUTION_MARKERS,
    assignments,
    is_test_cell,
    nbgrader_meta,
)
from tests.contracts import Clause, contract

ASSIGNMENTS = assignments()
NOTEBOOK = "notebook"      # the table's row for notebook-wide clauses


def normalise(text: str) -> str:
    """Text with every run of whitespace made one space."""
    return re.sub(r"\s+", " ", text).strip()


def without_solution(source: str) -> str:
    """A solution cell as the student sees it: the lines between the
    markers left out."""
    kept, inside = [], False
    for line in source.splitlines():
        if line.strip() == SOLUTION_MARKERS[0]:
            inside = True
        elif line.strip() == SOLUTION_MARKERS[1]:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def read(assignment: str):
    return nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb",
                         as_version=4)


def notebook_text(nb) -> str:
    """What the notebook states: markdown and the solution cells' text."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        elif nbgrader_meta(cell).get("solution"):
            parts.append(without_solution(cell.source))
    return normalise("\n".join(parts))


def solution_names(nb) -> set[str]:
    """Functions and classes the solution cells define at top level (a
    private helper, ``_name``, is no part of the contract)."""
    names = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and nbgrader_meta(cell).get("solution"):
            for node in ast.parse(cell.source).body:
                if (isinstance(node, (ast.FunctionDef, ast.ClassDef))
                        and not node.name.startswith("_")):
                    names.add(node.name)
    return names


def grade_ids(nb) -> set[str]:
    return {nbgrader_meta(c)["grade_id"] for c in nb.cells
            if is_test_cell(c)}


def problems(table: dict[str, list[Clause]], nb) -> list[str]:
    """Everything wrong with ``table`` as the contract of ``nb``."""
    found = []
    text = notebook_text(nb)
    ids = grade_ids(nb)
    for name in sorted(solution_names(nb) - set(table)):
        found.append(f"{name}: a solution defines it; the table lacks it")
    for name in sorted(set(table) - solution_names(nb) - {NOTEBOOK}):
        found.append(f"{name}: in the table, but no solution defines it")
    used = set()
    for part, clauses in table.items():
        whats = [c.what for c in clauses]
        for what in sorted({w for w in whats if whats.count(w) > 1}):
            found.append(f"{part}: two clauses named {what!r}")
        for c in clauses:
            where = f"{part} / {c.what}"
            if normalise(c.quote) not in text:
                found.append(f"{where}: quote not in the notebook: "
                             f"{c.quote!r}")
            for t in c.tests:
                if t not in ids:
                    found.append(f"{where}: {t!r} is not a test cell")
            used.update(c.tests)
            if c.gap is not None:
                if c.tests:
                    found.append(f"{where}: has tests and a gap note")
                elif len(c.gap) < 20:
                    found.append(f"{where}: say why it is a gap")
            elif not c.tests:
                found.append(f"{where}: no test checks it and it has no "
                             "gap note")
    for t in sorted(ids - used):
        found.append(f"{t}: this test checks no clause of the table")
    return found


def test_every_assignment_has_a_table():
    assert ASSIGNMENTS, "no assignments found in source/"
    for assignment in ASSIGNMENTS:
        assert contract(assignment), f"{assignment}: the table is empty"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_contract_matches_notebook(assignment):
    found = problems(contract(assignment), read(assignment))
    assert not found, "\n".join(found)


# The checker itself: a made-up table must fail where it is wrong.

def _tiny_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("`f(x)` returns **twice** `x`;\n"
                                      "raise a `ValueError` for NaN."),
        nbformat.v4.new_code_cell(
            "def f(x):\n    \"\"\"Twice x.\"\"\"\n    ### BEGIN SOLUTION\n"
            "    # a secret comment\n    return 2 * x\n"
            "    ### END SOLUTION\n",
            metadata={"nbgrader": {"solution": True, "grade": False,
                                   "grade_id": "f"}}),
    ]
    for grade_id in ("test_f", "test_f_nan"):
        nb.cells.append(nbformat.v4.new_code_cell(
            "assert f(1) == 2\n",
            metadata={"nbgrader": {"solution": False, "grade": True,
                                   "grade_id": grade_id, "points": 1}}))
    return nb


def _tiny_table(**change):
    clauses = [Clause("doubles", "returns **twice** `x`", ["test_f"]),
               Clause("NaN", "raise a `ValueError` for NaN", ["test_f_nan"])]
    return {"f": [clauses[0], change.get("second", clauses[1])]}


def test_checker_accepts_a_right_table():
    assert problems(_tiny_table(), _tiny_notebook()) == []


def test_checker_reports_a_missing_quote():
    table = _tiny_table(second=Clause("NaN", "raise a TypeError for NaN",
                                      ["test_f_nan"]))
    found = problems(table, _tiny_notebook())
    assert any("quote not in the notebook" in p for p in found), found


def test_checker_ignores_the_solution_text():
    table = _tiny_table(second=Clause("NaN", "a secret comment",
                                      ["test_f_nan"]))
    found = problems(table, _tiny_notebook())
    assert any("quote not in the notebook" in p for p in found), found


def test_checker_reports_an_unused_test():
    table = _tiny_table(second=Clause("NaN", "raise a `ValueError` for NaN",
                                      ["test_f"]))
    found = problems(table, _tiny_notebook())
    assert found == ["test_f_nan: this test checks no clause of the table"]


def test_checker_reports_an_unknown_test_and_a_missing_part():
    table = _tiny_table(second=Clause("NaN", "raise a `ValueError` for NaN",
                                      ["test_f_nan", "test_g"]))
    table["g"] = []
    found = problems(table, _tiny_notebook())
    assert any("'test_g' is not a test cell" in p for p in found), found
    assert any(p.startswith("g: in the table") for p in found), found


def test_checker_reports_untested_clauses():
    gap = Clause("NaN", "raise a `ValueError` for NaN", gap="untested")
    found = problems(_tiny_table(second=gap), _tiny_notebook())
    assert "f / NaN: say why it is a gap" in found, found
    untested = Clause("NaN", "raise a `ValueError` for NaN")
    found = problems(_tiny_table(second=untested), _tiny_notebook())
    assert any("no test checks it" in p for p in found), found

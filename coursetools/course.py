"""Where everything of the course is, and what its settings say.

The course is a folder (the repository) holding ``course/`` (the lectures,
``NN_topic.ipynb``), ``source/NN_topic/`` (each assignment's instructor
notebook), ``release/NN_topic/`` (what students get) and
``nbgrader_config.py``. Every function takes that folder as ``root``;
by default the repository this package belongs to.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN_TESTS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
ASSIGNMENT_NAME = re.compile(r"^\d\d_\w+$")
DEFAULT_CELL_TIMEOUT = 30          # nbgrader's own default, in seconds


def assignments(root: Path | str = REPO) -> list[str]:
    """The course's assignments, in order: every ``source/NN_topic/``."""
    source = Path(root) / "source"
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir()
                  if p.is_dir() and ASSIGNMENT_NAME.match(p.name))


def lectures(root: Path | str = REPO) -> list[Path]:
    """The lecture notebooks, ``course/NN_topic.ipynb``, in order."""
    return sorted(p for p in (Path(root) / "course").glob("*.ipynb")
                  if ASSIGNMENT_NAME.match(p.stem))


def notebook_names(assignment: str, root: Path | str = REPO) -> list[str]:
    """File names of the notebooks of ``assignment`` in ``source/``."""
    return sorted(p.name for p in
                  (Path(root) / "source" / assignment).glob("*.ipynb"))


def nbgrader_meta(cell) -> dict:
    """The cell's nbgrader metadata ({} for an ordinary cell)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def is_test_cell(cell) -> bool:
    """An autograder test: a graded code cell that is not an answer."""
    meta = nbgrader_meta(cell)
    return (cell.get("cell_type") == "code" and bool(meta.get("grade"))
            and not meta.get("solution"))


def strip_markers(source: str) -> str:
    """A solution cell as a student would write it: without the markers."""
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in SOLUTION_MARKERS)


def solution_cells(assignment: str, notebook: str | None = None,
                   root: Path | str = REPO) -> dict[str, str]:
    """{grade_id: code} of the reference solution's answer cells."""
    notebook = notebook or f"{assignment}.ipynb"
    nb = nbformat.read(Path(root) / "source" / assignment / notebook,
                       as_version=4)
    return {nbgrader_meta(c)["grade_id"]: strip_markers(c.source)
            for c in nb.cells if nbgrader_meta(c).get("solution")}


def load_solution(assignment: str, root: Path | str = REPO) -> dict:
    """Run the reference solution's code cells (not its tests) here; return
    the namespace they define, e.g. ``load_solution("03_backprop")
    ["MLPRegressor"]``."""
    namespace: dict = {}
    for name in notebook_names(assignment, root):
        nb = nbformat.read(Path(root) / "source" / assignment / name,
                           as_version=4)
        for cell in nb.cells:
            meta = nbgrader_meta(cell)
            if cell.cell_type == "code" and meta and not meta.get("grade"):
                exec(strip_markers(cell.source), namespace)
    return namespace


def load_config(root: Path | str = REPO):
    """The traitlets Config that the course's ``nbgrader_config.py`` makes."""
    from traitlets.config.loader import PyFileConfigLoader
    if not (Path(root) / "nbgrader_config.py").exists():
        raise ValueError(f"{root} has no nbgrader_config.py: run the grader "
                         "from the course's root folder or give --root")
    return PyFileConfigLoader("nbgrader_config.py",
                              path=str(root)).load_config()


def cell_timeouts(config) -> dict[str, int]:
    """The course's table of cell timeouts: {assignment or 'default': s}."""
    table = config.get("CourseGrader", {}).get("cell_timeouts", {})
    return {"default": DEFAULT_CELL_TIMEOUT, **table}


def cell_timeout(assignment: str, root: Path | str = REPO,
                 config=None) -> int:
    """Seconds one cell of ``assignment`` may run before it is interrupted."""
    table = cell_timeouts(config if config is not None else load_config(root))
    return table.get(assignment, table["default"])


def hidden_modules(assignment: str, root: Path | str = REPO,
                   config=None) -> list[str]:
    """Course modules the student's kernel cannot import while
    ``assignment`` is graded (the assignment asks students to write them)."""
    config = config if config is not None else load_config(root)
    table = config.get("CourseGrader", {}).get("hidden_modules", {})
    return list(table.get(assignment, []))

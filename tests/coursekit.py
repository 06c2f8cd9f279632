"""Throwaway copies of the course, submissions, and the real grader on them.

The pipeline tests never call test functions directly: they write student
notebooks into ``submitted/``, grade them with ``python -m coursegrader
autograde`` (what ``make autograde`` runs) or a real ``nbgrader`` command,
and read the scores back from the gradebook, as an instructor would.
"""
import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from coursegrader.gradebook import copy_assignment
from coursegrader.processes import ONE_THREAD, venv_path

# The course's layout, as the tests use it (``ck.solution_cells`` ...).
from coursetools.course import REPO as REPO
from coursetools.course import assignments as assignments
from coursetools.course import nbgrader_meta as nbgrader_meta
from coursetools.course import notebook_names as notebook_names
from coursetools.course import solution_cells as solution_cells
from coursetools.locks import exclusive

BIN = Path(sys.executable).parent
# nbgrader's Gradebook runs the venv's `alembic`, also in this process.
if str(BIN) not in os.environ["PATH"].split(os.pathsep):
    os.environ["PATH"] = venv_path()


# Variables that would point Jupyter, nbgrader, IPython or matplotlib at the
# settings of the account running the tests instead of a home of the test's.
FOREIGN_SETTINGS = (
    "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
    "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_PREFER_ENV_PATH",
    "JUPYTERLAB_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR",
    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR",
    "IPYTHONDIR", "MPLCONFIGDIR", "MPLBACKEND", "PYTHONPATH", "PYTHONSTARTUP")


def nbgrader_env(home=None, **extra):
    """The environment with the venv's tools (nbgrader, alembic, jupyter)
    first on PATH, and ``extra``. With ``home``, that is $HOME and every
    variable that would point at the tester's own settings is dropped."""
    env = dict(os.environ, PATH=venv_path())
    if home is not None:
        env = {k: v for k, v in env.items() if k not in FOREIGN_SETTINGS}
        env["HOME"] = str(home)
    return dict(env, **extra)


def nbgrader(*args, cwd, home=None, timeout=3600):
    """Run an nbgrader command in ``cwd`` (with ``home`` as $HOME, if
    given); raise with its output if it fails."""
    env = nbgrader_env(home, **ONE_THREAD)
    result = subprocess.run([str(BIN / "nbgrader"), *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        noise = ("Attribute 'checksum'", "running over TCP", "INFO]")
        log = "\n".join(line for line in result.stderr.splitlines()
                        if not any(n in line for n in noise))
        raise RuntimeError(f"nbgrader {' '.join(args)} failed "
                           f"(exit {result.returncode}):\n{result.stdout}\n"
                           f"{log[-8000:]}")
    return result


def generated_course():
    """A course folder where every assignment was generated from source/ by
    ``nbgrader generate_assignment``: the master copy that
    :func:`make_course` hands out. It is made once for a given source/ and
    config, kept in _build/generated/ and shared by the test processes."""
    digest = hashlib.sha256()
    for path in [REPO / "nbgrader_config.py",
                 *sorted((REPO / "source").rglob("*.ipynb"))]:
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    root = REPO / "_build" / "generated" / digest.hexdigest()[:16]
    with exclusive(root.with_suffix(".lock")):
        if not (root / "done").exists():
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            shutil.copy(REPO / "nbgrader_config.py", root)
            for assignment in assignments():
                shutil.copytree(REPO / "source" / assignment,
                                root / "source" / assignment)
                nbgrader("generate_assignment", assignment, "--force",
                         cwd=root)
            (root / "done").touch()
    return root


def make_course(root, db_url=None):
    """A course at ``root`` with every assignment generated: a copy of
    :func:`generated_course`. With ``db_url``, the gradebook is there
    instead (e.g. PostgreSQL), set in the course's config."""
    master, root = generated_course(), Path(root)
    shutil.copytree(master, root, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("done"))
    if db_url:
        with open(root / "nbgrader_config.py", "a") as config:
            config.write(f"\nc.CourseDirectory.db_url = {db_url!r}\n")
        (root / "gradebook.db").unlink()
        for assignment in assignments():
            copy_assignment(f"sqlite:///{master / 'gradebook.db'}", db_url,
                            assignment)
    return root


def student_notebook(course, assignment, notebook, answers):
    """The released notebook with the given solution cells filled in."""
    nb = nbformat.read(Path(course) / "release" / assignment / notebook,
                       as_version=4)
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


def slug(text):
    """A student id made from a case's name: lower case, runs of anything
    else than letters and digits made one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Submission:
    """One student's notebooks for one assignment."""
    student: str
    notebooks: dict          # notebook file name -> NotebookNode


@dataclass
class Grade:
    score: float
    max_score: float
    cells: dict = field(default_factory=dict)   # grade_id -> (score, max)

    def lost(self):
        """grade_ids of the test cells that did not get full points."""
        return {gid for gid, (s, m) in self.cells.items() if s < m}


def write_submission(course, assignment, submission):
    folder = Path(course) / "submitted" / submission.student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in submission.notebooks.items():
        nbformat.write(nb, folder / name)


def read_grades(course, assignment, db_url=None):
    """{student: Grade} from the course's gradebook (SQLite unless
    ``db_url`` says otherwise)."""
    from nbgrader.api import Gradebook
    grades = {}
    db_url = db_url or f"sqlite:///{Path(course) / 'gradebook.db'}"
    with Gradebook(db_url) as gb:
        for sub in gb.assignment_submissions(assignment):
            cells = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.max_score:
                        cells[g.name] = (g.score, g.max_score)
            grades[sub.student.id] = Grade(sub.score, sub.max_score, cells)
    return grades


def coursegrade(root, *args, workers=2):
    """``python -m coursegrader autograde`` on the course in ``root``, as
    ``make autograde`` runs it; returns {(assignment, student): row of the
    report}."""
    result = subprocess.run(
        [sys.executable, "-m", "coursegrader", "autograde", "--root",
         str(root), "--workers", str(workers), *args],
        capture_output=True, text=True, timeout=3600,
        env=nbgrader_env(**ONE_THREAD))
    if result.returncode != 0:
        raise RuntimeError(f"coursegrader failed (exit {result.returncode}):"
                           f"\n{result.stdout}\n{result.stderr[-5000:]}")
    with open(Path(root) / "autograde_report.csv") as f:
        return {(row["assignment"], row["student"]): row
                for row in csv.DictReader(f)}

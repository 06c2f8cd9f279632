"""Run the real nbgrader on a throwaway copy of the course, and build submissions.

The pipeline tests never call test functions directly: they write student
notebooks into ``submitted/``, run ``nbgrader autograde`` and read the scores
back from the gradebook, exactly as an instructor would.
"""
import concurrent.futures
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from coursegrader.run import ONE_THREAD, venv_path
from tests.notebook_runner import run_notebook

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def assignments():
    """Names of the assignments in source/, e.g. ['03_backprop']."""
    return sorted(p.name for p in (REPO / "source").iterdir()
                  if p.is_dir() and p.name[:2].isdigit())


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


def make_course(root, assignment):
    """Copy one source assignment (and the config, unless ``root`` has one)
    to ``root``; generate it."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "nbgrader_config.py").exists():
        shutil.copy(REPO / "nbgrader_config.py", root)
    shutil.copytree(REPO / "source" / assignment,
                    root / "source" / assignment)
    nbgrader("generate_assignment", assignment, "--force", cwd=root)
    return root


def notebook_names(assignment):
    return sorted(p.name for p in (REPO / "source" / assignment).glob("*.ipynb"))


def nbgrader_meta(cell):
    return cell.metadata.get("nbgrader", {})


def strip_markers(source):
    """A solution cell as a student would write it: without the markers."""
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in SOLUTION_MARKERS)


def solution_cells(assignment, notebook):
    """{grade_id: code} of the reference solution cells."""
    nb = nbformat.read(REPO / "source" / assignment / notebook, as_version=4)
    return {nbgrader_meta(c)["grade_id"]: strip_markers(c.source)
            for c in nb.cells if nbgrader_meta(c).get("solution")}


def load_solution(assignment):
    """Run the reference solution's code cells (not the tests); return them.

    The result is the namespace the cells define, e.g.
    ``load_solution("03_backprop")["MLPRegressor"]``.
    """
    namespace = {}
    for name in notebook_names(assignment):
        nb = nbformat.read(REPO / "source" / assignment / name, as_version=4)
        for cell in nb.cells:
            meta = nbgrader_meta(cell)
            if cell.cell_type == "code" and meta and not meta.get("grade"):
                exec(strip_markers(cell.source), namespace)
    return namespace


def student_notebook(course, assignment, notebook, answers):
    """The released notebook with the given solution cells filled in."""
    nb = nbformat.read(Path(course) / "release" / assignment / notebook,
                       as_version=4)
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


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
    with Gradebook(db_url or f"sqlite:///{Path(course) / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            cells = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.max_score:
                        cells[g.name] = (g.score, g.max_score)
            grades[sub.student.id] = Grade(sub.score, sub.max_score, cells)
    return grades


def autograde(course, assignment, attempts=3):
    """``nbgrader autograde`` every submission of the course, retrying once
    or twice a run that lost a student to a transient failure.

    When kernels start side by side (the parallel workers), one can fail to
    start; nbgrader then drops that student and exits 1 after grading the
    rest. A re-run without ``--force`` grades only the students it dropped,
    so a submission that fails every time still fails the test.
    """
    for attempt in range(attempts):
        try:
            force = ["--force"] if attempt == 0 else []
            return nbgrader("autograde", assignment, *force, cwd=course)
        except RuntimeError:
            if attempt == attempts - 1:
                raise


def grade(course, assignment, submissions, workers=2):
    """Autograde ``submissions`` with real nbgrader; return {student: Grade}.

    The generated course at ``course`` is copied once per worker and each
    copy grades its share of the students with its own ``nbgrader
    autograde`` process, so the cores of the machine are all used.
    """
    course = Path(course)
    shares = [submissions[i::workers] for i in range(workers)]
    copies = []
    for i, share in enumerate(s for s in shares if s):
        copy = course.parent / f"{course.name}-worker{i}"
        shutil.copytree(course, copy, dirs_exist_ok=True)
        for sub in share:
            write_submission(copy, assignment, sub)
        copies.append(copy)
    with concurrent.futures.ThreadPoolExecutor(len(copies)) as pool:
        list(pool.map(lambda c: autograde(c, assignment), copies))
    grades = {}
    for copy in copies:
        grades.update(read_grades(copy, assignment))
    return grades


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def execute_in_place(path, timeout=600):
    """Execute a lecture top to bottom on a fresh kernel and store it clean.

    Clean means: outputs and sequential execution counts kept; nbclient's
    per-cell timing and the saved widget state dropped, so a re-run changes
    the file only where an output changed. What an interactive cell drew is
    kept as a snapshot (see ``add_widget_snapshots``).
    """
    path = Path(path)
    nb, _ = run_notebook(path, timeout=timeout)
    add_widget_snapshots(nb)
    nb.metadata = {k: v for k, v in nb.metadata.items()
                   if k in ("kernelspec", "language_info")}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def add_widget_snapshots(nb):
    """After each widget, store the pictures its output areas drew.

    A widget lives in the kernel, so a stored notebook (on GitHub, in the web
    book, in JupyterLab before running) can show only a placeholder for it.
    nbclient records what the widgets' Output areas displayed in the
    notebook's widget state; each picture found there is added to its cell
    as an ordinary output marked ``{"nncourse": {"widget_snapshot": true}}``.
    Running the cell replaces it with the live widget.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        views = [out.data[WIDGET_VIEW]["model_id"] for out in cell.outputs
                 if WIDGET_VIEW in out.get("data", {})]
        pictures = [out for view in views for out in drawn_by(view, state)
                    if "image/png" in out.get("data", {})]
        cell.outputs.extend(
            nbformat.v4.new_output(
                "display_data", data=dict(out["data"]),
                metadata={"nncourse": {"widget_snapshot": True}})
            for out in pictures)


def drawn_by(model_id, state):
    """Outputs of the Output widgets in the widget tree under ``model_id``."""
    model = state.get(model_id)
    if model is None:
        return []
    drawn = list(model["state"].get("outputs", []))
    for child in model["state"].get("children", []):
        drawn += drawn_by(child.removeprefix("IPY_MODEL_"), state)
    return drawn


if __name__ == "__main__":
    # python -m tests.coursekit course/03_backprop.ipynb ...  (make lectures)
    for arg in sys.argv[1:]:
        print("executing", arg, flush=True)
        execute_in_place(arg)

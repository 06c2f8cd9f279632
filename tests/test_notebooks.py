"""Every notebook of the course runs, and is stored the way readers need it.

- course/ lectures are stored executed top to bottom on a fresh kernel, with
  their pictures, and re-execute without error;
- source/ solutions pass all their own tests, visible and hidden;
- release/ notebooks fail only with NotImplementedError until filled in;
- source/ and release/ are stored without outputs.
"""
import runpy
import time
from datetime import datetime

import nbformat
import pytest
from nbclient import NotebookClient

from tests import coursekit as ck

LECTURES = sorted((ck.REPO / "course").glob("*.ipynb"))
SOLUTIONS = sorted((ck.REPO / "source").glob("*/*.ipynb"))
RELEASES = sorted((ck.REPO / "release").glob("*/*.ipynb"))


def rel(path):
    return str(path.relative_to(ck.REPO))


def execute(path, allow_errors=False, timeout=300):
    """Run a notebook on a fresh kernel in its own folder; return it."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   allow_errors=allow_errors,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    print(f"{rel(path)} executed in {time.perf_counter() - start:.1f} s")
    return nb


def outputs(nb, kind):
    return [out for cell in nb.cells if cell.cell_type == "code"
            for out in cell.outputs if out.output_type == kind]


@pytest.mark.parametrize("path", LECTURES, ids=rel)
def test_lecture_stored_executed_in_order(path):
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{rel(path)}: execution counts {counts}; re-run it top to bottom on "
        "a fresh kernel before committing")
    assert not outputs(nb, "error"), f"{rel(path)} is stored with an error"
    stderr = [o for o in outputs(nb, "stream") if o.name == "stderr"]
    assert not stderr, f"{rel(path)} is stored with stderr: {stderr[0].text}"
    pictures = [o for o in outputs(nb, "display_data") + outputs(
        nb, "execute_result") if "image/png" in o.get("data", {})]
    assert pictures, f"{rel(path)} is stored without its pictures"
    noise = set(nb.metadata) - {"kernelspec", "language_info"}
    noise |= {k for c in nb.cells for k in c.metadata if k == "execution"}
    assert not noise, f"{rel(path)} carries {noise}: store it with `make lectures`"


@pytest.mark.parametrize("path", LECTURES, ids=rel)
def test_lecture_reexecutes(path):
    nb = execute(path)
    assert not outputs(nb, "error")


def cell_timeout(assignment):
    """Execute.timeout that nbgrader_config.py sets for ``assignment``."""
    from traitlets.config import Config
    config = runpy.run_path(str(ck.REPO / "nbgrader_config.py"),
                            init_globals={"get_config": Config})
    return config["TIMEOUTS"].get(assignment, config["DEFAULT_TIMEOUT"])


def seconds(cell):
    """How long nbclient took to run ``cell``."""
    timing = cell.metadata["execution"]
    start = datetime.fromisoformat(timing["iopub.execute_input"])
    end = datetime.fromisoformat(timing["shell.execute_reply"])
    return (end - start).total_seconds()


@pytest.mark.parametrize("path", SOLUTIONS, ids=rel)
def test_solution_passes_its_own_tests_well_within_the_timeout(path):
    nb = nbformat.read(path, as_version=4)
    assert not outputs(nb, "stream") + outputs(nb, "display_data"), (
        f"{rel(path)} should be stored without outputs")
    executed = execute(path)
    assert not outputs(executed, "error")
    limit = cell_timeout(path.parent.name)
    slowest = max((c for c in executed.cells if c.cell_type == "code"),
                  key=seconds)
    assert seconds(slowest) < limit / 4, (
        f"a cell of {rel(path)} took {seconds(slowest):.0f} s of its "
        f"{limit} s timeout:\n{slowest.source[:200]}")


@pytest.mark.parametrize("path", RELEASES, ids=rel)
def test_release_fails_only_with_not_implemented(path):
    """Until a student writes code, the only error is NotImplementedError."""
    nb = execute(path, allow_errors=True)
    errors = {o.ename for o in outputs(nb, "error")}
    assert errors == {"NotImplementedError"}, errors

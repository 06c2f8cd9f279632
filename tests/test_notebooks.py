"""Every notebook of the course runs, and is stored the way readers need it.

- course/ lectures are stored executed top to bottom on a fresh kernel, with
  their pictures, and re-execute without error;
- source/ solutions pass all their own tests, visible and hidden;
- release/ notebooks fail only with NotImplementedError until filled in;
- source/ and release/ are stored without outputs;
- the lectures and solutions together execute in under five minutes.

Each notebook is executed once per session, by the ``course_run`` fixture,
two at a time; the tests below check what it recorded.
"""
import asyncio
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from queue import Empty

import nbformat
import pytest

from coursegrader.processes import ONE_THREAD
from coursetools import notebooks
from coursetools.course import REPO, cell_timeout
from coursetools.notebooks import WIDGET_VIEW, run_cached, run_notebook

LECTURES = sorted((REPO / "course").glob("*.ipynb"))
SOLUTIONS = sorted((REPO / "source").glob("*/*.ipynb"))
RELEASES = sorted((REPO / "release").glob("*/*.ipynb"))
WORKERS = 2                  # notebooks executed at once: one per core
COURSE_BUDGET = 300          # seconds for all lectures and solutions


def rel(path):
    return str(path.relative_to(REPO))


@dataclass
class Run:
    """One notebook's execution in the course run."""
    path: Path
    nb: nbformat.NotebookNode | None    # executed; None if it raised
    seconds: float           # wall-clock seconds of its execution
    error: str               # what it raised; "" if it ran through
    done_at: float           # seconds from the start of the run to its end


def one_blas_thread():
    """Pool initializer: kernels this worker starts use one BLAS thread each,
    so two notebooks at once do not oversubscribe the two cores."""
    os.environ.update(ONE_THREAD)


def execute(path, allow_errors):
    """Worker job: (executed notebook or None, seconds, error text).

    A solution is executed as the web book executes it, and only once for
    both (coursetools.notebooks.run_cached)."""
    start = time.perf_counter()
    try:
        if path in SOLUTIONS:
            nb, seconds = run_cached(path)
        else:
            nb, seconds = run_notebook(path, allow_errors=allow_errors)
        return nb, seconds, ""
    except Exception as exc:           # the notebook's failure, not the run's
        error = f"{type(exc).__name__}: {exc}"
        return None, time.perf_counter() - start, error


@pytest.fixture(scope="session")
def course_run():
    """Execute every lecture, solution and release once, WORKERS at a time.

    Lectures and solutions go first, so the releases do not delay them.
    Returns {path: Run}.
    """
    jobs = [(p, False) for p in LECTURES + SOLUTIONS]
    jobs += [(p, True) for p in RELEASES]
    runs = {}
    start = time.perf_counter()
    with ProcessPoolExecutor(WORKERS, initializer=one_blas_thread) as pool:
        futures = {pool.submit(execute, *job): job[0] for job in jobs}
        for future in as_completed(futures):
            try:
                nb, seconds, error = future.result()
            except Exception as exc:   # the worker process itself died
                nb, seconds, error = None, float("nan"), repr(exc)
            path = futures[future]
            runs[path] = Run(path, nb, seconds, error,
                             time.perf_counter() - start)
    return runs


def executed(course_run, path):
    """``path`` as the course run executed it; fail with what it raised."""
    run = course_run[path]
    if run.error:
        pytest.fail(f"{rel(path)} failed to execute:\n{run.error}",
                    pytrace=False)
    return run.nb


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
    assert not noise, (f"{rel(path)} carries {noise}: store it with "
                       "`make lectures`")


@pytest.mark.parametrize("path", LECTURES, ids=rel)
def test_lecture_widgets_stored_with_a_snapshot(path):
    """A stored widget is a placeholder; its picture must be stored beside
    it."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        kinds = [out.get("data", {}) for out in cell.get("outputs", [])]
        if any(WIDGET_VIEW in data for data in kinds):
            snapshots = [out for out in cell.outputs
                         if out.get("metadata", {}).get("nncourse", {}).get(
                             "widget_snapshot") and "image/png" in out.data]
            assert snapshots, (
                f"{rel(path)}, cell {i}: a widget without the snapshot of "
                "what it draws; store the lecture with `make lectures`")


@pytest.mark.slow
@pytest.mark.parametrize("path", LECTURES, ids=rel)
def test_lecture_reexecutes(path, course_run):
    nb = executed(course_run, path)
    assert not outputs(nb, "error")


def seconds(cell):
    """How long nbclient took to run ``cell``."""
    timing = cell.metadata["execution"]
    start = datetime.fromisoformat(timing["iopub.execute_input"])
    end = datetime.fromisoformat(timing["shell.execute_reply"])
    return (end - start).total_seconds()


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTIONS, ids=rel)
def test_solution_passes_its_own_tests_well_within_the_timeout(path,
                                                                course_run):
    nb = nbformat.read(path, as_version=4)
    assert not outputs(nb, "stream") + outputs(nb, "display_data"), (
        f"{rel(path)} should be stored without outputs")
    executed_nb = executed(course_run, path)
    assert not outputs(executed_nb, "error")
    limit = cell_timeout(path.parent.name)
    slowest = max((c for c in executed_nb.cells if c.cell_type == "code"),
                  key=seconds)
    assert seconds(slowest) < limit / 4, (
        f"a cell of {rel(path)} took {seconds(slowest):.0f} s of its "
        f"{limit} s timeout:\n{slowest.source[:200]}")


@pytest.mark.slow
@pytest.mark.parametrize("path", RELEASES, ids=rel)
def test_release_fails_only_with_not_implemented(path, course_run):
    """Until a student writes code, the only error is NotImplementedError."""
    nb = executed(course_run, path)
    errors = {o.ename for o in outputs(nb, "error")}
    assert errors == {"NotImplementedError"}, errors


def lectures_and_solutions(runs):
    """The runs the five-minute budget is about."""
    return [run for run in runs.values() if run.path not in RELEASES]


def slowest_cell(run):
    """'cell 12: 3.4 s', the slowest code cell of an executed notebook."""
    if run.nb is None:
        return "FAILED"
    code = [(i, cell) for i, cell in enumerate(run.nb.cells)
            if cell.cell_type == "code"]
    index, cell = max(code, key=lambda item: seconds(item[1]))
    return f"cell {index}: {seconds(cell):.1f} s"


def course_report(runs):
    """The course run as a table, slowest notebook first, with its totals."""
    lines = [f"{'seconds':>8} {'done at':>8}  {'notebook':<50} slowest cell"]
    for run in sorted(runs.values(), key=lambda r: -r.seconds):
        lines.append(f"{run.seconds:8.1f} {run.done_at:8.1f}  "
                     f"{rel(run.path):<50} {slowest_cell(run)}")
    totals = [("lectures + solutions", lectures_and_solutions(runs)),
              ("all, with releases", list(runs.values()))]
    for label, group in totals:
        lines.append(f"{label}: done after "
                     f"{max(r.done_at for r in group):.1f} s on {WORKERS} "
                     f"workers ({sum(r.seconds for r in group):.1f} s "
                     "one after another)")
    return "\n".join(lines)


@pytest.mark.slow
def test_whole_course_executes_in_under_five_minutes(course_run):
    """Every lecture and solution executes, all of them within the budget."""
    report = course_report(course_run)
    print("\n" + report)
    course = lectures_and_solutions(course_run)
    failed = [rel(r.path) for r in course if r.error]
    assert not failed, f"{failed} failed to execute:\n{report}"
    elapsed = max(r.done_at for r in course)
    assert elapsed < COURSE_BUDGET, (
        f"the lectures and solutions took {elapsed:.0f} s to execute, "
        f"over the {COURSE_BUDGET} s budget:\n{report}")


def test_waits_on_kernel_channels_are_sliced(monkeypatch):
    """A reply whose wake-up is missed is picked up one slice later, not at
    the end of the cell's timeout; with no reply, Empty still comes at the
    caller's deadline (see notebooks.poll_in_slices)."""
    monkeypatch.setattr(notebooks, "WAKE_UP", 0.05)

    async def misses_its_wake_up(timeout):
        await asyncio.sleep(timeout)    # the reply is there, seen at timeout
        return "reply"

    async def nothing_comes(timeout):
        await asyncio.sleep(timeout)
        raise Empty

    sliced = notebooks.sliced
    start = time.perf_counter()
    reply = asyncio.run(sliced(misses_its_wake_up)(timeout=300))
    assert reply == "reply" and time.perf_counter() - start < 0.5
    start = time.perf_counter()
    with pytest.raises(Empty):
        asyncio.run(sliced(nothing_comes)(timeout=0.2))
    assert 0.2 <= time.perf_counter() - start < 0.5

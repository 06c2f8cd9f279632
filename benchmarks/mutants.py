"""Automatic mutants of the reference solutions: how many do the tests kill?

Every solution cell of every source notebook is mutated with cosmic-ray's
operators (one small change each: ``+`` for ``-``, ``<`` for ``<=``, a number
nudged, ``break`` for ``continue``, ...), only between the solution markers.
A random sample of the distinct mutants of each assignment (``--sample``) is
run: the notebook's code cells in order, the mutated cell in place of the
reference one, the test cells with their hidden tests, in a child process
forked from one that has imported NumPy, SciPy and matplotlib already. A
mutant is *killed* when a test cell raises or the notebook times out.

The tests run in the notebook's own namespace here, as in nbgrader's Validate,
not through the sandboxed grader: the test code is the same, so a mutant that
survives here survives grading too. Survivors are written, with their diffs,
to ``_build/mutants/<assignment>.txt`` for review: some are equivalent (they
change nothing a caller can observe, e.g. ``x ** 2`` for ``x * x`` in a
place that only ever sees integers).

    .venv/bin/pip install -r benchmarks/requirements.txt   # cosmic-ray
    .venv/bin/python -m benchmarks.mutants [--sample 100] [--workers 2] [A ...]

Target (issue 15): at least 95 % killed, equivalent mutants aside. A
survivor reviewed and found equivalent goes into
``benchmarks/equivalent_mutants.py`` with the reason; the report counts it
apart.
"""
import argparse
import difflib
import io
import multiprocessing
import os
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import nbformat

from benchmarks.equivalent_mutants import EQUIVALENT
from coursetools.course import (
    REPO,
    SOLUTION_MARKERS,
    assignments,
    nbgrader_meta,
)

TIMEOUT = 120          # seconds per mutant; a hang counts as killed


@dataclass
class Mutation:
    cell: str           # grade_id of the solution cell
    operator: str
    occurrence: int
    code: str           # the whole mutated cell

    def new_lines(self, original: str) -> tuple[str, ...]:
        """The mutated lines, stripped: the key of EQUIVALENT."""
        old = set(original.splitlines())
        return tuple(line.strip() for line in self.code.splitlines()
                     if line not in old)

    def equivalent(self, original: str) -> bool:
        lines = self.new_lines(original)
        return len(lines) == 1 and (self.cell, lines[0]) in EQUIVALENT

    def diff(self, original: str) -> str:
        lines = difflib.unified_diff(original.splitlines(),
                                     self.code.splitlines(), lineterm="",
                                     n=0)
        return "\n".join(list(lines)[2:])


def solution_lines(code: str) -> range:
    """Line numbers (0-based) strictly between the solution markers."""
    lines = [line.strip() for line in code.splitlines()]
    begin = lines.index(SOLUTION_MARKERS[0])
    end = lines.index(SOLUTION_MARKERS[1])
    return range(begin + 1, end)


def changed_lines(original: str, mutated: str) -> set[int]:
    matcher = difflib.SequenceMatcher(None, original.splitlines(),
                                      mutated.splitlines())
    changed = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(i1, max(i2, i1 + 1)))
    return changed


def mutations(cell: str, code: str) -> list[Mutation]:
    """Every distinct mutant of one solution cell that changes only lines
    of the solution itself."""
    from cosmic_ray.mutating import mutate_code
    from cosmic_ray.plugins import get_operator, operator_names

    inside = set(solution_lines(code))
    seen, found = set(), []
    for name in operator_names():
        try:
            operator = get_operator(name)()
        except TypeError:       # operators that need settings of their own
            continue
        occurrence = 0
        while True:
            mutated = mutate_code(code, operator, occurrence)
            if mutated is None:
                break
            occurrence += 1
            if (mutated in seen or mutated == code
                    or not changed_lines(code, mutated) <= inside):
                continue
            seen.add(mutated)
            found.append(Mutation(cell, name, occurrence - 1, mutated))
    return found


def code_cells(path: Path) -> list[tuple[dict, str]]:
    """(nbgrader metadata, source) of every code cell of a notebook, read
    once per assignment and handed to every mutant's run."""
    nb = nbformat.read(path, as_version=4)
    return [(nbgrader_meta(c), c.source) for c in nb.cells
            if c.cell_type == "code"]


def failed_tests(folder: Path, cells: list, answers: dict) -> list[str]:
    """Run ``cells`` (see :func:`code_cells`) in ``folder`` with
    ``answers`` in place of the solution cells; the grade_ids of the test
    cells that raised."""
    namespace = {"__name__": "__main__"}
    failed = []
    os.chdir(folder)
    sink = io.StringIO()
    for meta, source in cells:
        source = answers.get(meta.get("grade_id"), source)
        try:
            with redirect_stdout(sink), redirect_stderr(sink):
                exec(compile(source, meta.get("grade_id", "cell"), "exec"),
                     namespace)
        except Exception:
            if meta.get("grade"):
                failed.append(meta["grade_id"])
        sink.seek(0)
        sink.truncate()
    return failed


def _child(folder, cells, answers, conn):
    conn.send(failed_tests(folder, cells, answers))


def killed(folder: Path, cells: list, answers: dict) -> tuple[bool, str]:
    """(killed?, how) for one mutant, in a forked child process."""
    parent, child = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_child, args=(folder, cells, answers, child), daemon=True)
    process.start()
    child.close()
    if not parent.poll(TIMEOUT):
        process.kill()
        process.join()
        return True, "timeout"
    try:
        failed = parent.recv()
    except EOFError:
        failed = ["the kernel died"]
    process.join()
    return bool(failed), ", ".join(failed)


def run_assignment(assignment: str, sample: int, workers: int, seed: int):
    path = REPO / "source" / assignment / f"{assignment}.ipynb"
    cells = code_cells(path)
    reference = {meta["grade_id"]: source for meta, source in cells
                 if meta.get("solution")}
    every = [m for cell, code in reference.items()
             for m in mutations(cell, code)]
    chosen = random.Random(seed).sample(every, min(sample or len(every),
                                                    len(every)))
    assert not failed_tests(path.parent, cells, reference), \
        "the reference fails"
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(
            lambda m: killed(path.parent, cells,
                             {**reference, m.cell: m.code}), chosen))
    alive = [m for m, (dead, _) in zip(chosen, results) if not dead]
    survivors = [m for m in alive if not m.equivalent(reference[m.cell])]
    report = REPO / "_build" / "mutants" / f"{assignment}.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n\n".join(
        f"## {m.cell}: {m.operator} #{m.occurrence}\n"
        f"{m.diff(reference[m.cell])}" for m in survivors) + "\n")
    return len(every), len(chosen), len(alive) - len(survivors), \
        len(survivors), report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=assignments())
    parser.add_argument("--sample", type=int, default=100,
                        help="mutants run per assignment (default 100; "
                        "0 runs them all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.environ["MPLBACKEND"] = "Agg"
    import matplotlib.pyplot  # noqa: F401  (imported once, before forking)
    import numpy  # noqa: F401
    import scipy.optimize  # noqa: F401
    start = time.perf_counter()
    for assignment in args.assignments:
        total, ran, same, alive, report = run_assignment(
            assignment, args.sample, args.workers, args.seed)
        dead, counted = ran - same - alive, ran - same
        print(f"{assignment:<18} {ran:4d} of {total:4d} mutants run, "
              f"{same:3d} equivalent, {dead:4d} of the other {counted:4d} "
              f"killed ({100 * dead / counted:5.1f} %); survivors: "
              f"{report.relative_to(REPO)}", flush=True)
    print(f"{time.perf_counter() - start:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Class grading with coursegrader (sandboxed) against serial nbgrader.

Twenty submissions of 03_backprop — ten reference solutions and ten mutants
from tests/cases — are graded three times on identical copies of one course:

- *serial*: one ``nbgrader autograde 03_backprop`` process, as nbgrader
  grades a class out of the box (tests in the student's kernel, no
  sandbox);
- *isolated, one worker*: ``python -m coursegrader autograde --workers 1``:
  every kernel in its sandbox, every test run by the grader;
- *isolated, N workers*: the same with ``--workers N``.

Every run gets a fresh gradebook with the generated assignment, and the
grades of every test cell must agree. Run from the repository root:

    .venv/bin/python -m benchmarks.autograde [--workers 2] [--submissions 20]

Prints seconds per submission for each; the per-submission cost of
isolation, one worker against serial nbgrader (aim: at most 1.25x); and the
speed-up of N workers over serial nbgrader (target: at least 1.7x on a
2-core machine).
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests import coursekit as ck
from tests.cases import cases_for

ASSIGNMENT = "03_backprop"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def submissions(course, count):
    """Half reference solutions, half mutants, as Submission objects."""
    solution = ck.solution_cells(ASSIGNMENT, NOTEBOOK)
    mutants = cases_for(ASSIGNMENT).MUTANTS
    subs = []
    for i in range(count):
        mutant = mutants[i // 2 % len(mutants)]
        answers = solution if i % 2 == 0 else mutant.apply(solution)
        nb = ck.student_notebook(course, ASSIGNMENT, NOTEBOOK, answers)
        subs.append(ck.Submission(f"student{i:02d}", {NOTEBOOK: nb}))
    return subs


def timed(command, cwd):
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True,
                   env=ck.nbgrader_env())
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--submissions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = ck.make_course(Path(tmp) / "course")
        subs = submissions(base, args.submissions)
        for sub in subs:
            ck.write_submission(base, ASSIGNMENT, sub)
        copies = {name: shutil.copytree(base, Path(tmp) / name)
                  for name in ("serial", "one", "parallel")}
        grader = [sys.executable, "-m", "coursegrader", "autograde",
                  "--workers"]
        seconds = {
            "serial": timed([str(ck.BIN / "nbgrader"), "autograde",
                             ASSIGNMENT], copies["serial"]),
            "one": timed(grader + ["1"], copies["one"]),
            "parallel": timed(grader + [str(args.workers)],
                              copies["parallel"]),
        }
        grades = {name: ck.read_grades(course, ASSIGNMENT)
                  for name, course in copies.items()}
    same = grades["serial"] == grades["one"] == grades["parallel"]
    n = args.submissions
    labels = {"serial": "serial nbgrader autograde",
              "one": "coursegrader, sandboxed, 1 worker",
              "parallel": f"coursegrader, sandboxed, {args.workers} workers"}
    print(f"{n} submissions of {ASSIGNMENT}")
    for name, label in labels.items():
        print(f"{label:<38} {seconds[name]:7.1f} s  "
              f"({seconds[name] / n:5.2f} s per submission)")
    print(f"cost of isolation per submission: "
          f"{seconds['one'] / seconds['serial']:.2f}x serial nbgrader "
          "(aim <= 1.25x)")
    print(f"speed-up of {args.workers} workers: "
          f"{seconds['serial'] / seconds['parallel']:.2f}x (target >= 1.7x); "
          f"identical grades: {same}")
    if not same:
        sys.exit("the grades differ between the runs")


if __name__ == "__main__":
    main()

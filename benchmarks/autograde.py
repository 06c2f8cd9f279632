"""Parallel class grading (coursegrader) against serial nbgrader.

Twenty submissions of 03_backprop — ten reference solutions and ten mutants
from tests/cases — are graded twice on identical copies of one course:

- *serial*: one ``nbgrader autograde 03_backprop`` process, as nbgrader
  grades a class out of the box;
- *parallel*: ``python -m coursegrader autograde`` with N workers.

Both get a fresh gradebook with the generated assignment. The grades of
every test cell must agree. Run from the repository root:

    .venv/bin/python benchmarks/autograde.py [--workers 2] [--submissions 20]

Prints seconds per submission for each and the speed-up (target: at least
1.7x on a 2-core machine).
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests import coursekit as ck  # noqa: E402
from tests.cases import cases_for  # noqa: E402

ASSIGNMENT = "03_backprop"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def submissions(course, count):
    """Half reference solutions, half mutants, as Submission objects."""
    solution = ck.solution_cells(ASSIGNMENT, NOTEBOOK)
    mutants = cases_for(ASSIGNMENT).MUTANTS
    subs = []
    for i in range(count):
        answers = solution if i % 2 == 0 else mutants[i // 2 % len(mutants)].apply(solution)
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
        base = ck.make_course(Path(tmp) / "course", ASSIGNMENT)
        subs = submissions(base, args.submissions)
        for sub in subs:
            ck.write_submission(base, ASSIGNMENT, sub)
        serial_course = shutil.copytree(base, Path(tmp) / "serial")
        parallel_course = shutil.copytree(base, Path(tmp) / "parallel")
        serial = timed([str(ck.BIN / "nbgrader"), "autograde", ASSIGNMENT], serial_course)
        parallel = timed([sys.executable, "-m", "coursegrader", "autograde",
                          "--workers", str(args.workers)], parallel_course)
        same = (ck.read_grades(serial_course, ASSIGNMENT)
                == ck.read_grades(parallel_course, ASSIGNMENT))
    n = args.submissions
    print(f"{n} submissions of {ASSIGNMENT}")
    print(f"serial nbgrader autograde:        {serial:7.1f} s  ({serial / n:5.2f} s per submission)")
    print(f"coursegrader, {args.workers} workers:         {parallel:7.1f} s  ({parallel / n:5.2f} s per submission)")
    print(f"speed-up: {serial / parallel:.2f}x (target >= 1.7x); identical grades: {same}")
    if not same:
        sys.exit("the parallel grades differ from the serial ones")


if __name__ == "__main__":
    main()

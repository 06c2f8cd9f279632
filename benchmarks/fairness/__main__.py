"""Grade the independent implementations as a class and report fairness.

    .venv/bin/python -m benchmarks.fairness [ASSIGNMENT ...] [--workers 2]

Every variant of every assignment that has a module here is one student of
one throwaway course, graded in one run by coursegrader (sandboxed, as
``make autograde`` grades). Prints, per assignment, the valid variants at
full marks and the wrong ones below full marks, and every unfair result: a
valid variant that lost points (with the test cells) or a wrong one that
got full marks (with the words it breaks).
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.fairness import implementations
from tests import coursekit as ck


def students(assignment: str) -> dict[str, tuple[str, object, dict]]:
    """{student: (kind, variant, answers)} for one assignment."""
    module = implementations(assignment)
    found = {"base": ("valid", None, dict(module.BASE))}
    for kind, variants in (("valid", module.VALID), ("wrong", module.WRONG)):
        for i, variant in enumerate(variants):
            student = f"{kind}{i:02d}-{ck.slug(variant.name)[:60]}"
            found[student] = (kind, variant, variant.apply(module.BASE))
    return found


def available(names: list[str]) -> list[str]:
    have = []
    for assignment in names:
        try:
            implementations(assignment)
        except ModuleNotFoundError:
            print(f"{assignment}: no independent implementations yet")
            continue
        have.append(assignment)
    return have


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=ck.assignments())
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    chosen = available(args.assignments)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        course = ck.make_course(Path(tmp) / "course")
        plans = {}
        for assignment in chosen:
            notebook, = ck.notebook_names(assignment)
            plans[assignment] = students(assignment)
            for student, (_, _, answers) in plans[assignment].items():
                nb = ck.student_notebook(course, assignment, notebook,
                                         answers)
                ck.write_submission(course, assignment, ck.Submission(
                    student, {notebook: nb}))
        ck.coursegrade(course, workers=args.workers)
        grades = {a: ck.read_grades(course, a) for a in chosen}
    unfair = 0
    for assignment in chosen:
        counts = {"valid": [0, 0], "wrong": [0, 0]}
        for student, (kind, variant, _) in plans[assignment].items():
            g = grades[assignment][student]
            full = g.score == g.max_score
            fair = full if kind == "valid" else not full
            counts[kind][0] += fair
            counts[kind][1] += 1
            if not fair:
                unfair += 1
                why = (f"lost {g.max_score - g.score:g} in "
                       f"{sorted(g.lost())}" if kind == "valid" else
                       f"full marks; breaks: {variant.breaks!r}")
                print(f"  UNFAIR {assignment} {student}: {why}")
        (v, nv), (w, nw) = counts["valid"], counts["wrong"]
        print(f"{assignment:<20} valid at full marks {v}/{nv} "
              f"({100 * v / nv:.0f} %), wrong below full {w}/{nw} "
              f"({100 * w / nw:.0f} %)", flush=True)
    print(f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    sys.exit(1 if unfair else 0)


if __name__ == "__main__":
    main()

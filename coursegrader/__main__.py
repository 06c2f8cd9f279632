"""``python -m coursegrader autograde|feedback [ASSIGNMENT ...]`` — see
``--help``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursegrader.feedback import generate_feedback
from coursegrader.report import summary, write_report
from coursegrader.run import DEFAULT_MEMORY, autograde
from coursegrader.sandbox import SandboxUnavailable


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m coursegrader",
        description="Grade every submission in submitted/ with nbgrader, in "
                    "parallel, giving every student a grade and a reason.")
    sub = parser.add_subparsers(dest="command", required=True)
    grade = sub.add_parser("autograde", help="autograde submissions")
    grade.add_argument("assignments", nargs="*",
                       help="assignments to grade (default: all with "
                            "submissions)")
    grade.add_argument("--student", action="append", dest="students",
                       help="grade only this student (repeatable)")
    grade.add_argument("--workers", type=int, default=None,
                       help="parallel workers (default: the number of CPUs)")
    grade.add_argument("--memory-mb", type=int,
                       default=DEFAULT_MEMORY // 2**20,
                       help="address-space cap of each worker and of each "
                            "process of its sandboxes, MiB")
    grade.add_argument("--deadline", type=float, default=None,
                       help="seconds one submission may take (default: 10 "
                            "cell timeouts)")
    grade.add_argument("--shard", default="1/1", metavar="K/N",
                       help="grade only the K-th of N shares of the "
                            "submissions (to split a class across N "
                            "machines)")
    grade.add_argument("--root", default=".", help="the course folder")
    grade.add_argument("--report", default="autograde_report.csv",
                       help="CSV file for the summary, relative to the "
                            "course folder")
    grade.add_argument("--unsafe-no-sandbox", action="store_true",
                       dest="unsafe",
                       help="run the students' kernels without the bubblewrap "
                            "sandbox (only where it cannot start, never for "
                            "work you do not trust); every row is marked")
    feedback = sub.add_parser(
        "feedback", help="feedback for every graded submission (nbgrader "
        "generate_feedback), skipping assignments nobody has handed in")
    feedback.add_argument("assignments", nargs="*",
                          help="assignments (default: all)")
    feedback.add_argument("--root", default=".", help="the course folder")
    args = parser.parse_args(argv)
    if args.command == "feedback":
        return args
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.memory_mb < 256:
        parser.error("--memory-mb below 256 would not even start a kernel")
    try:
        k, n = (int(part) for part in args.shard.split("/"))
    except ValueError:
        parser.error(f"--shard {args.shard!r}: write it as K/N, e.g. 2/3")
    if not 1 <= k <= n:
        parser.error(f"--shard {args.shard!r}: K must be between 1 and N")
    args.shard = (k, n)
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command == "feedback":
        try:
            sys.exit(generate_feedback(args.root, args.assignments or None))
        except ValueError as error:
            sys.exit(f"coursegrader: {error}")
    try:
        results = autograde(args.root, args.assignments or None,
                            args.students, args.workers,
                            args.memory_mb * 2**20, args.deadline,
                            shard=args.shard, unsafe=args.unsafe)
    except (ValueError, SandboxUnavailable) as error:
        sys.exit(f"coursegrader: {error}")
    if not results:
        sys.exit("coursegrader: nothing to grade: put submissions in "
                 "submitted/<student>/<assignment>/ (nbgrader collect does)")
    print(summary(results))
    write_report(Path(args.root) / args.report, results)


if __name__ == "__main__":
    main()

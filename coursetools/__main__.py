"""``python -m coursetools COMMAND``: the course's tools from the shell.

    python -m coursetools assignments          # list them, one per line
    python -m coursetools lectures [PATH ...]  # execute and store lectures
    python -m coursetools release [NAME ...]   # nbgrader generate_assignment
"""
import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from coursetools import course
from coursetools.notebooks import store_executed


def release(names):
    """Regenerate release/ from source/ with nbgrader, one assignment at a
    time; stop at the first that fails."""
    tools = Path(sys.executable).parent      # nbgrader, and its alembic
    env = dict(os.environ, PATH=f"{tools}{os.pathsep}{os.environ['PATH']}")
    for name in names:
        # nbgrader's --force would warn that it removes the old release.
        shutil.rmtree(Path("release") / name, ignore_errors=True)
        command = [str(tools / "nbgrader"), "generate_assignment", name]
        if subprocess.run(command, env=env).returncode != 0:
            sys.exit(f"coursetools: generating {name} failed (see above)")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m coursetools",
                                     description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("assignments", help="list the assignments")
    lectures = sub.add_parser("lectures", help="execute and store lectures")
    lectures.add_argument("paths", nargs="*", type=Path,
                          help="lecture notebooks (default: all of course/)")
    generate = sub.add_parser("release", help="regenerate release/")
    generate.add_argument("names", nargs="*",
                          help="assignments (default: all)")
    args = parser.parse_args(argv)
    if args.command == "assignments":
        print("\n".join(course.assignments(Path.cwd())))
    elif args.command == "lectures":
        for path in args.paths or course.lectures(Path.cwd()):
            print("executing", path, flush=True)
            store_executed(path)
    else:
        known = course.assignments(Path.cwd())
        unknown = sorted(set(args.names) - set(known))
        if unknown:
            parser.error(f"unknown assignments {unknown}; the course has "
                         f"{known}")
        release(args.names or known)


if __name__ == "__main__":
    main()

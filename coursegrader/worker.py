"""A grading worker: ``python -m coursegrader.worker SCRATCH MEMORY``.

It reads ``[assignment, student]`` JSON lines on stdin, runs nbgrader's real
autograde for each in the scratch course ``SCRATCH`` (its own course folder
and SQLite gradebook), and answers one JSON line per submission on stdout:
``{"student": ..., "success": ..., "log": ...}``.

One long-lived process grades many students, so nbgrader's start-up (several
seconds of imports) is paid once per worker, not once per student. The
process caps its address space at ``MEMORY`` bytes before anything starts;
the kernels it launches inherit the cap, so a cell that allocates without
bound gets a MemoryError instead of taking the machine down.
"""
import json
import os
import resource
import sys
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory

from coursegrader.config import load_config


def cap_memory(limit):
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def load_api(scratch, assignment):
    """nbgrader's API on the scratch course, configured by the course's file."""
    config = load_config(scratch, assignment)
    config.CourseDirectory.root = str(scratch)
    config.CourseDirectory.db_url = f"sqlite:///{scratch / 'gradebook.db'}"
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def main():
    scratch, memory = Path(sys.argv[1]), int(sys.argv[2])
    # Replies go to the real stdout; anything else printed goes to stderr.
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    cap_memory(memory)
    apis = {}
    for line in sys.stdin:
        assignment, student = json.loads(line)
        if assignment not in apis:
            apis[assignment] = load_api(scratch, assignment)
        result = apis[assignment].autograde(assignment, student, force=True,
                                            create=True)
        reply = {"student": student, "success": bool(result["success"]),
                 "log": (result.get("log") or "")[-20000:]
                 + (result.get("error") or "")[-5000:]}
        print(json.dumps(reply), file=replies, flush=True)


if __name__ == "__main__":
    main()

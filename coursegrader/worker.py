"""A grading worker: ``python -m coursegrader.worker SCRATCH MEMORY SLOT``.

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
from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute

from coursegrader import sandbox
from coursegrader.harness import SandboxedExecute
from coursetools.course import cell_timeout, hidden_modules, load_config


def cap_memory(limit: int) -> None:
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def load_api(scratch: Path, assignment: str, memory: int, slot: int,
             unsafe: bool) -> NbGraderAPI:
    """nbgrader's API on the scratch course, configured by the course's
    file, with the student's kernel in a sandbox and the tests run here
    (:class:`coursegrader.harness.SandboxedExecute`)."""
    config = load_config(scratch)
    timeout = cell_timeout(assignment, config=config)
    hidden = hidden_modules(assignment, config=config)
    config.Execute.timeout = timeout
    config.CourseDirectory.root = str(scratch)
    config.CourseDirectory.db_url = f"sqlite:///{scratch / 'gradebook.db'}"
    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    config.Autograde.autograde_preprocessors = [
        SandboxedExecute if step is Execute else step for step in steps]
    library = sandbox.prepare_library(scratch / f"library-{assignment}",
                                      hidden)
    config.SandboxedExecute.library = str(library)
    config.SandboxedExecute.hidden_modules = hidden
    config.SandboxedExecute.slot = slot
    config.SandboxedExecute.unsafe = unsafe
    config.SandboxedExecute.memory = memory
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def main() -> None:
    scratch, memory, slot = Path(sys.argv[1]), int(sys.argv[2]), \
        int(sys.argv[3])
    unsafe = "--unsafe-no-sandbox" in sys.argv[4:]
    # Replies go to the real stdout; anything else printed goes to stderr.
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    cap_memory(memory)
    apis = {}
    for line in sys.stdin:
        assignment, student = json.loads(line)
        if assignment not in apis:
            apis[assignment] = load_api(scratch, assignment, memory, slot,
                                        unsafe)
        result = apis[assignment].autograde(assignment, student, force=True,
                                            create=True)
        reply = {"student": student, "success": bool(result["success"]),
                 "log": (result.get("log") or "")[-20000:]
                 + (result.get("error") or "")[-5000:]}
        print(json.dumps(reply), file=replies, flush=True)


if __name__ == "__main__":
    main()

"""Processes the grader starts: their environment, and how they are stopped."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psutil

# One BLAS thread per process: the workers already use every core.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1"}


def venv_path() -> str:
    """PATH with this Python's bin folder (and nbgrader's tools) first."""
    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"


def kill_tree(process: subprocess.Popen) -> None:
    """Kill ``process`` and every process it started; reap it."""
    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    for proc in family + [process]:
        try:
            proc.kill()
        except (psutil.NoSuchProcess, ProcessLookupError):
            pass
    process.wait()

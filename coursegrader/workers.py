"""The grader's side of a worker process (:mod:`coursegrader.worker`)."""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from coursegrader.processes import ONE_THREAD, kill_tree, venv_path


class Worker:
    """One ``coursegrader.worker`` process and its scratch course."""

    def __init__(self, scratch: Path, config: Path, memory: int,
                 slot: int = 0, unsafe: bool = False):
        """A worker in the new folder ``scratch`` with a copy of the course's
        ``config`` file, started at once: its imports overlap the building of
        its gradebook (:meth:`install`). ``slot`` picks its sandbox's user;
        ``unsafe`` runs kernels without the sandbox."""
        self.scratch, self.memory = scratch, memory
        self.slot, self.unsafe = slot, unsafe
        scratch.mkdir(parents=True)
        shutil.copy(config, scratch / "nbgrader_config.py")
        self.log = open(scratch / "worker.log", "a")
        self.start()

    def install(self, template: Path) -> None:
        """Give the worker its own copy of the ``template`` gradebook file."""
        shutil.copy(template, self.scratch / "gradebook.db")

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.scratch / 'gradebook.db'}"

    def start(self) -> None:
        env = dict(os.environ, **ONE_THREAD, PYTHONUNBUFFERED="1",
                   PATH=venv_path())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coursegrader.worker", str(self.scratch),
             str(self.memory), str(self.slot),
             *(["--unsafe-no-sandbox"] if self.unsafe else [])],
            cwd=self.scratch, env=env, text=True, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, start_new_session=True)
        self.replies: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, args=(self.process, self.replies),
                         daemon=True).start()

    @staticmethod
    def _read(process, replies):
        for line in process.stdout:
            replies.put(json.loads(line))
        replies.put(None)                       # the process ended

    def grade(self, assignment: str, student: str, deadline: float) -> dict:
        """nbgrader's autograde of one submission: the worker's reply, or a
        failed reply with the reason if the worker died or ran too long."""
        try:
            self.process.stdin.write(json.dumps([assignment, student]) + "\n")
            self.process.stdin.flush()
            reply = self.replies.get(timeout=deadline)
        except (queue.Empty, BrokenPipeError):
            reply = {"success": False, "reason": "grading ran past the "
                     f"deadline of {deadline:.0f} s"}
        if reply is None:
            reply = {"success": False, "reason": "the grading process died"}
        if "reason" in reply:
            self.kill()
            self.start()
        return reply

    def kill(self) -> None:
        """Kill the worker and every kernel it started."""
        kill_tree(self.process)

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()
        self.log.close()

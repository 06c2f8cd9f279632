"""Grade every submission of a course: staged, in parallel, nothing lost.

For each assignment, ``autograde`` starts a pool of workers
(:mod:`coursegrader.worker`), each with a scratch course holding a copy of
the assignment from the course's gradebook. Threads hand students to the
workers one at a time. A student's result is merged into the course's
gradebook and its autograded notebooks copied into ``autograded/``.

When grading a submission fails — its kernel died, it ran past the
deadline, nbgrader gave up on it — the blank release is graded in its place
(0 points, with the reason at its top), so that every student ends with a
grade, a reason and a feedback notebook. A worker that ran past the deadline
is killed with its kernels and replaced.
"""
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
from tqdm.auto import tqdm

from coursegrader import gradebook, submissions
from coursegrader.config import load_config

DEFAULT_MEMORY = 4 * 2**30          # bytes of address space per worker
DEADLINE_PER_TIMEOUT = 10           # a submission gets 10 cell timeouts
DEFAULT_MAX_FILE_SIZE_KB = 100000   # nbgrader's CourseDirectory.max_file_size
# One BLAS thread per kernel: the workers already use every core.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1"}


@dataclass
class Result:
    """One student's grade on one assignment, as the summary table shows it."""
    student: str
    assignment: str
    score: float
    max_score: float
    failed: list = field(default_factory=list)   # test cells short of points
    notes: list = field(default_factory=list)    # repairs and reasons


@dataclass
class Course:
    root: Path
    db_url: str
    max_bytes: int

    @classmethod
    def load(cls, root="."):
        """The course in ``root``, as its nbgrader_config.py describes it."""
        root = Path(root).resolve()
        config = load_config(root)
        course = config.get("CourseDirectory", {})
        db_url = course.get("db_url") or f"sqlite:///{root / 'gradebook.db'}"
        size_kb = course.get("max_file_size", DEFAULT_MAX_FILE_SIZE_KB)
        return cls(root, db_url, 1000 * size_kb)

    def students(self, assignment):
        return sorted(p.parent.name
                      for p in (self.root / "submitted").glob(f"*/{assignment}")
                      if p.is_dir())

    def assignments(self):
        """Assignments with at least one submission, in release order."""
        return sorted({p.name for p in (self.root / "submitted").glob("*/*")
                       if p.is_dir() and (self.root / "release" / p.name).is_dir()})

    def release(self, assignment):
        """{notebook name: released notebook} of ``assignment``."""
        folder = self.root / "release" / assignment
        notebooks = {p.name: nbformat.read(p, as_version=4)
                     for p in sorted(folder.glob("*.ipynb"))}
        if not notebooks:
            raise ValueError(f"release/{assignment} has no notebooks: run "
                             "`make release` before grading")
        return notebooks


class Worker:
    """One ``coursegrader.worker`` process and its scratch course."""

    def __init__(self, scratch, course, memory):
        """A worker in the new folder ``scratch``, started at once: its
        imports overlap the building of its gradebook (:meth:`install`)."""
        self.scratch, self.memory = scratch, memory
        scratch.mkdir(parents=True)
        shutil.copy(course.root / "nbgrader_config.py", scratch)
        self.log = open(scratch / "worker.log", "a")
        self.start()

    def install(self, template):
        """Give the worker its own copy of the ``template`` gradebook file."""
        shutil.copy(template, self.scratch / "gradebook.db")

    @property
    def db_url(self):
        return f"sqlite:///{self.scratch / 'gradebook.db'}"

    def start(self):
        env = dict(os.environ, **ONE_THREAD, PYTHONUNBUFFERED="1",
                   PATH=venv_path())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coursegrader.worker", str(self.scratch),
             str(self.memory)],
            cwd=self.scratch, env=env, text=True, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, start_new_session=True)
        self.replies = queue.Queue()
        threading.Thread(target=self._read, args=(self.process, self.replies),
                         daemon=True).start()

    @staticmethod
    def _read(process, replies):
        for line in process.stdout:
            replies.put(json.loads(line))
        replies.put(None)                       # the process ended

    def grade(self, assignment, student, deadline):
        """nbgrader's autograde of one submission: the worker's reply, or a
        failed reply with the reason if the worker died or ran too long."""
        try:
            self.process.stdin.write(json.dumps([assignment, student]) + "\n")
            self.process.stdin.flush()
            reply = self.replies.get(timeout=deadline)
        except (queue.Empty, BrokenPipeError):
            reply = {"success": False,
                     "reason": f"grading ran past the deadline of {deadline:.0f} s"}
        if reply is None:
            reply = {"success": False, "reason": "the grading process died"}
        if "reason" in reply:
            self.kill()
            self.start()
        return reply

    def kill(self):
        """Kill the worker and every kernel it started."""
        kill_tree(self.process)

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()
        self.log.close()


def kill_tree(process):
    """Kill ``process`` (a Popen) and every process it started; reap it."""
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


def venv_path():
    """PATH with this Python's bin folder (and nbgrader's tools) first."""
    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"


def failure_reason(reply):
    """A sentence saying why nbgrader could not grade a submission."""
    if "reason" in reply:
        return reply["reason"]
    log = reply.get("log", "")
    if "Kernel died" in log or "DeadKernelError" in log:
        return "the kernel died while running the notebook (a crash or os._exit)"
    if "CellTimeoutError" in log:
        return "a cell ran past its time limit and did not stop when interrupted"
    errors = [m.group(1) for m in re.finditer(
        r"^\s*([\w.]*(?:Error|Exception): .{0,160})", log, re.MULTILINE)
        if "NbGraderException" not in m.group(1)]
    return "nbgrader could not grade it" + (f" ({errors[0]})" if errors else "")


class Grader:
    """Grades submissions, given as (assignment, student), with a pool of
    workers; merges each result into the course's gradebook."""

    def __init__(self, course, assignments, memory, deadline):
        self.course, self.memory = course, memory
        self.assignments = assignments
        self.release = {a: course.release(a) for a in assignments}
        self.deadline = {
            a: deadline or DEADLINE_PER_TIMEOUT * cell_timeout(course.root, a)
            for a in assignments}
        self.merge_lock = threading.Lock()

    def grade(self, worker, assignment, student):
        """Grade one submission with ``worker``; return its Result."""
        staged = worker.scratch / "submitted" / student / assignment
        submitted = self.course.root / "submitted" / student / assignment
        release, deadline = self.release[assignment], self.deadline[assignment]
        notes = submissions.stage(submitted, staged, release, self.course.max_bytes)
        reply = worker.grade(assignment, student, deadline)
        if not reply["success"]:
            reason = failure_reason(reply)
            notes.append(f"{reason}: graded as the blank release")
            for name, nb in release.items():
                submissions.write_blank(nb, staged / name, reason)
            reply = worker.grade(assignment, student, deadline)
            if not reply["success"]:
                raise RuntimeError(f"even the blank release of {assignment} "
                                   f"failed to grade:\n{reply.get('log', '')[-3000:]}")
        # The worker's own gradebook holds exactly the rows that the merge
        # copies: read the scores there, outside the lock on the course's.
        score, max_score, cells = gradebook.scores(worker.db_url, assignment,
                                                   student)
        failed = sorted(gid for gid, (s, m) in cells.items() if s < m)
        with self.merge_lock:
            self.merge(worker, assignment, student)
        return Result(student, assignment, score, max_score, failed, notes)

    def merge(self, worker, assignment, student):
        """Move the worker's result into the course: gradebook and files."""
        gradebook.merge_submission(worker.db_url, self.course.db_url,
                                   assignment, student)
        target = self.course.root / "autograded" / student / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(worker.scratch / "autograded" / student / assignment, target)
        for done in ("submitted", "autograded"):
            shutil.rmtree(worker.scratch / done / student / assignment)

    def run(self, jobs, workers, progress=True):
        """Grade every (assignment, student) of ``jobs``; return [Result]."""
        todo = queue.Queue()
        for job in jobs:
            todo.put(job)
        results, errors = [], []
        bar = tqdm(total=len(jobs), unit="submission", disable=not progress)

        def serve(worker):
            try:
                while not errors:
                    try:
                        assignment, student = todo.get_nowait()
                    except queue.Empty:
                        return
                    bar.set_postfix_str(f"{assignment} {student}")
                    results.append(self.grade(worker, assignment, student))
                    bar.update()
            except Exception as error:       # raised once the others stop
                errors.append(error)
            finally:
                worker.close()

        with bar, tempfile.TemporaryDirectory(prefix="coursegrader-") as scratch:
            pool = [Worker(Path(scratch) / f"worker{i}", self.course, self.memory)
                    for i in range(min(workers, len(jobs)))]
            template = Path(scratch) / "gradebook.db"
            for assignment in self.assignments:
                gradebook.copy_assignment(self.course.db_url,
                                          f"sqlite:///{template}", assignment)
            for worker in pool:
                worker.install(template)
            threads = [threading.Thread(target=serve, args=(w,)) for w in pool]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        if errors:
            raise errors[0]
        return results


def autograde(root=".", assignments=None, students=None, workers=None,
              memory=DEFAULT_MEMORY, deadline=None, progress=True, shard=(1, 1)):
    """Grade every submission in ``root``/submitted; return [Result].

    ``deadline`` is the wall-clock limit on grading one submission, in
    seconds (default: 10 cell timeouts of its assignment). ``shard=(k, n)``
    grades only the k-th of n equal shares of the submissions, so that n
    machines can split a class between them.
    """
    course = Course.load(root)
    workers = workers or os.cpu_count() or 1
    # nbgrader's Gradebook runs the venv's `alembic` to check its schema.
    os.environ["PATH"] = venv_path()
    jobs = [(a, s) for a in assignments or course.assignments()
            for s in course.students(a) if students is None or s in students]
    k, n = shard
    jobs = jobs[k - 1::n]
    if not jobs:
        return []
    chosen = sorted({a for a, _ in jobs})
    results = Grader(course, chosen, memory, deadline).run(jobs, workers, progress)
    return sorted(results, key=lambda r: (r.assignment, r.student))


def cell_timeout(root, assignment):
    """Execute.timeout that the course's config in ``root`` gives ``assignment``."""
    return load_config(root, assignment).get("Execute", {}).get("timeout", 30)


def failed_tests(result):
    if not result.failed:
        return []
    if result.score == 0:
        return ["failed every test"]
    return ["failed " + ", ".join(result.failed)]


def summary(results):
    """The summary table: student, assignment, score, max, what failed."""
    header = ("student", "assignment", "score", "max", "what failed")
    table = [header] + [
        (r.student, r.assignment, f"{r.score:g}", f"{r.max_score:g}",
         "; ".join(r.notes + failed_tests(r)) or "-") for r in results]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths))
                     + "  " + row[4] for row in table)

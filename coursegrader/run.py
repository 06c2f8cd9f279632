"""Grade every submission of a course: staged, in parallel, nothing lost.

For each assignment, ``autograde`` starts a pool of workers
(:mod:`coursegrader.workers`), each with a scratch course holding a copy of
the assignment from the course's gradebook. Threads hand students to the
workers one at a time. A student's result is merged into the course's
gradebook and its autograded notebooks copied into ``autograded/``.

When grading a submission fails — its kernel died, it ran past the
deadline, nbgrader gave up on it — the blank release is graded in its place
(0 points, with the reason at its top), so that every student ends with a
grade, a reason and a feedback notebook. A worker that ran past the deadline
is killed with its kernels and replaced.
"""
from __future__ import annotations

import os
import queue
import shutil
import tempfile
import threading
import time
from pathlib import Path

from tqdm.auto import tqdm

from coursegrader import gradebook, sandbox, submissions
from coursegrader.course import Course
from coursegrader.processes import venv_path
from coursegrader.report import Result, failure_reason
from coursegrader.workers import Worker
from coursetools.locks import claim

DEFAULT_MEMORY = 4 * 2**30          # bytes of address space per worker
DEADLINE_PER_TIMEOUT = 10           # a submission gets 10 cell timeouts
UNSAFE_NOTE = "UNSAFE: graded without the sandbox"
# Each running worker holds a numbered lock here; its number picks the user
# its sandboxes run as, so no two sandboxes of the machine share a user (and
# its process limit), even across graders running at once.
SLOTS = Path(tempfile.gettempdir()) / "coursegrader-slots"


class Grader:
    """Grades submissions, given as (assignment, student), with a pool of
    workers; merges each result into the course's gradebook."""

    def __init__(self, course: Course, assignments: list[str], memory: int,
                 deadline: float | None, unsafe: bool = False):
        self.course, self.memory, self.unsafe = course, memory, unsafe
        self.assignments = assignments
        self.release = {a: course.release(a) for a in assignments}
        self.deadline = {
            a: deadline or DEADLINE_PER_TIMEOUT * course.cell_timeout(a)
            for a in assignments}
        self.merge_lock = threading.Lock()

    def grade(self, worker: Worker, assignment: str, student: str) -> Result:
        """Grade one submission with ``worker``; return its Result."""
        start = time.perf_counter()
        staged = worker.scratch / "submitted" / student / assignment
        submitted = self.course.root / "submitted" / student / assignment
        release, deadline = self.release[assignment], self.deadline[assignment]
        notes = submissions.stage(submitted, staged, release,
                                  self.course.max_bytes)
        reply = worker.grade(assignment, student, deadline)
        if not reply["success"]:
            reason = failure_reason(reply)
            notes.append(f"{reason}: graded as the blank release")
            for name, nb in release.items():
                submissions.write_blank(nb, staged / name, reason)
            reply = worker.grade(assignment, student, deadline)
            if not reply["success"]:
                raise RuntimeError(
                    f"even the blank release of {assignment} failed to "
                    f"grade:\n{reply.get('log', '')[-3000:]}")
        # The worker's own gradebook holds exactly the rows that the merge
        # copies: read the scores there, outside the lock on the course's.
        score, max_score, cells = gradebook.scores(worker.db_url, assignment,
                                                   student)
        failed = sorted(gid for gid, (s, m) in cells.items() if s < m)
        if self.unsafe:
            notes.insert(0, UNSAFE_NOTE)
        with self.merge_lock:
            self.merge(worker, assignment, student)
        return Result(student, assignment, score, max_score, failed, notes,
                      time.perf_counter() - start)

    def merge(self, worker: Worker, assignment: str, student: str) -> None:
        """Move the worker's result into the course: gradebook and files."""
        gradebook.merge_submission(worker.db_url, self.course.db_url,
                                   assignment, student)
        target = self.course.root / "autograded" / student / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(worker.scratch / "autograded" / student / assignment,
                        target)
        for done in ("submitted", "autograded"):
            shutil.rmtree(worker.scratch / done / student / assignment)

    def run(self, jobs: list[tuple[str, str]], workers: int,
            progress: bool = True) -> list[Result]:
        """Grade every (assignment, student) of ``jobs``; return [Result]."""
        todo: queue.Queue = queue.Queue()
        for job in jobs:
            todo.put(job)
        results: list[Result] = []
        errors: list[Exception] = []
        n_workers = min(workers, len(jobs))
        # the bar says what it waits for: the workers' start (a gradebook
        # and a kernel each, seconds), then whose work each one grades
        bar = tqdm(total=len(jobs), unit="submission", disable=not progress,
                   desc=f"starting {n_workers} workers")
        grading: dict[int, str] = {}

        def show(worker, job):
            if job is None:
                grading.pop(worker.slot, None)
            else:
                grading[worker.slot] = job
            bar.set_description_str("grading", refresh=False)
            bar.set_postfix_str(", ".join(grading[k] for k in sorted(grading)))

        def serve(worker):
            try:
                while not errors:
                    try:
                        assignment, student = todo.get_nowait()
                    except queue.Empty:
                        return
                    show(worker, f"{assignment} {student}")
                    results.append(self.grade(worker, assignment, student))
                    bar.update()
            except Exception as error:       # raised once the others stop
                errors.append(error)
            finally:
                show(worker, None)
                worker.close()

        with bar, tempfile.TemporaryDirectory(prefix="coursegrader-") as tmp:
            scratch = Path(tmp)
            config = self.course.root / "nbgrader_config.py"
            slots = [claim(SLOTS) for _ in range(n_workers)]
            pool = [Worker(scratch / f"worker{i}", config, self.memory, slot,
                           self.unsafe)
                    for i, (slot, _) in enumerate(slots)]
            template = scratch / "gradebook.db"
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
        for _, held in slots:
            held.close()
        if errors:
            raise errors[0]
        return results


def autograde(root: Path | str = ".", assignments: list[str] | None = None,
              students: list[str] | None = None, workers: int | None = None,
              memory: int = DEFAULT_MEMORY, deadline: float | None = None,
              progress: bool = True, shard: tuple[int, int] = (1, 1),
              unsafe: bool = False) -> list[Result]:
    """Grade every submission in ``root``/submitted; return [Result].

    ``deadline`` is the wall-clock limit on grading one submission, in
    seconds (default: 10 cell timeouts of its assignment). ``shard=(k, n)``
    grades only the k-th of n equal shares of the submissions, so that n
    machines can split a class between them. Unless ``unsafe``, every
    kernel runs in a sandbox (:mod:`coursegrader.sandbox`); without one,
    this raises SandboxUnavailable with what to install or enable.
    """
    course = Course.load(root)
    unknown = sorted(set(assignments or []) - set(course.known()))
    if unknown:
        raise ValueError(f"no assignment named {', '.join(unknown)} in "
                         f"source/; the course has: "
                         f"{', '.join(course.known()) or 'none'}")
    if not unsafe:
        sandbox.check()
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
    gradebook.check_released(course.db_url, chosen)
    grader = Grader(course, chosen, memory, deadline, unsafe)
    results = grader.run(jobs, workers, progress)
    return sorted(results, key=lambda r: (r.assignment, r.student))

"""What the grader tells the instructor: one row per graded submission."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Result:
    """One student's grade on one assignment, as the summary table shows it."""
    student: str
    assignment: str
    score: float
    max_score: float
    failed: list = field(default_factory=list)   # test cells short of points
    notes: list = field(default_factory=list)    # repairs and reasons
    seconds: float = 0.0                         # how long grading took


def failure_reason(reply: dict) -> str:
    """A sentence saying why nbgrader could not grade a submission."""
    if "reason" in reply:
        return reply["reason"]
    log = reply.get("log", "")
    if "Kernel died" in log or "DeadKernelError" in log:
        return ("the kernel died while running the notebook (a crash or "
                "os._exit)")
    if "CellTimeoutError" in log:
        return ("a cell ran past its time limit and did not stop when "
                "interrupted")
    errors = [m.group(1) for m in re.finditer(
        r"^\s*([\w.]*(?:Error|Exception): .{0,160})", log, re.MULTILINE)
        if "NbGraderException" not in m.group(1)]
    return "nbgrader could not grade it" + (
        f" ({errors[0]})" if errors else "")


def failed_tests(result: Result) -> list[str]:
    if not result.failed:
        return []
    if result.score == 0:
        return ["failed every test"]
    return ["failed " + ", ".join(result.failed)]


def summary(results: list[Result]) -> str:
    """The summary table: student, assignment, score, max, what failed."""
    header = ("student", "assignment", "score", "max", "what failed")
    table = [header] + [
        (r.student, r.assignment, f"{r.score:g}", f"{r.max_score:g}",
         "; ".join(r.notes + failed_tests(r)) or "-") for r in results]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths))
                     + "  " + row[4] for row in table)


def write_report(path: Path | str, results: list[Result]) -> None:
    """The summary as CSV: student, assignment, score, max_score, failed,
    notes, seconds (of grading)."""
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["student", "assignment", "score", "max_score",
                      "failed", "notes", "seconds"])
        for r in results:
            out.writerow([r.student, r.assignment, r.score, r.max_score,
                          " ".join(r.failed), " | ".join(r.notes),
                          f"{r.seconds:.1f}"])

"""``make export``: grades.csv with a row for each submission made.

nbgrader's CSV export writes a row for every student and every assignment,
with a score of 0.0 where there is no submission: in the middle of a term
an assignment nobody has handed in yet looks like a class of zeros.
:class:`SubmittedCsvExport` (set as ``ExportApp.plugin_class`` in
nbgrader_config.py) writes the same columns, but only for assignments with
at least one submission, and leaves the scores of a student who has not
handed one in empty instead of 0.
"""
from __future__ import annotations

import csv

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins.export import CsvExportPlugin

COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name",
           "first_name", "email", "raw_score", "late_submission_penalty",
           "score", "max_score"]


class SubmittedCsvExport(CsvExportPlugin):
    """nbgrader's CSV export without rows of zeros nobody earned."""

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        self.log.info("Exporting grades to %s", dest)
        with open(dest, "w", newline="") as f:
            out = csv.DictWriter(f, COLUMNS)
            out.writeheader()
            for row in self.rows(gradebook):
                out.writerow({k: "" if v is None else v
                              for k, v in row.items()})

    def rows(self, gradebook: Gradebook):
        wanted = {str(a) for a in self.assignment}
        students = {str(s) for s in self.student}
        for assignment in gradebook.assignments:
            if wanted and assignment.name not in wanted:
                continue
            if not assignment.num_submissions:
                self.log.info("No submissions of %s yet: left out",
                              assignment.name)
                continue
            for student in gradebook.students:
                if students and student.id not in students:
                    continue
                yield self.row(gradebook, assignment, student)

    @staticmethod
    def row(gradebook: Gradebook, assignment, student) -> dict:
        row = {"assignment": assignment.name,
               "duedate": assignment.duedate, "student_id": student.id,
               "last_name": student.last_name,
               "first_name": student.first_name, "email": student.email,
               "max_score": assignment.max_score}
        try:
            sub = gradebook.find_submission(assignment.name, student.id)
        except MissingEntry:          # not handed in: no score, not 0
            return dict(row, timestamp=None, raw_score=None,
                        late_submission_penalty=None, score=None)
        penalty = sub.late_submission_penalty or 0.0
        return dict(row, timestamp=sub.timestamp, raw_score=sub.score,
                    late_submission_penalty=penalty,
                    score=max(0.0, sub.score - penalty))

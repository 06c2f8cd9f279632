"""nbgrader configuration of the course (nbgrader 0.9.6).

Every setting here answers a way in which nbgrader's defaults would cost a
student points they earned, or let them keep points they did not.
"""
import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import GetGrades

from coursegrader.feedback import HideHiddenTests

c = get_config()  # noqa: F821  (nbgrader provides get_config)

c.CourseDirectory.course_id = "nncourse"
# The course is the folder of this file (an absolute path: nbgrader warns
# about a relative one on every command).
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))

# Seconds one cell may run before it is interrupted and grading goes on.
# nbgrader's default, 30 s, is too short for cells that train a network.
# coursegrader (make autograde) and the tests read this table; plain nbgrader
# commands (validate, generate_feedback) take its longest entry.
c.CourseGrader.cell_timeouts = {
    "default": 60,
    "03_backprop": 120,
    "04_optimizers": 120,
    "05_second_order": 120,
}
c.Execute.timeout = max(c.CourseGrader.cell_timeouts.values())

# Course modules that hold what an assignment asks students to write: while
# coursegrader grades it, the student's kernel cannot import them (the test
# cells say `with grading.disabled(module):` around the student's calls).
c.CourseGrader.hidden_modules = {
    "02_hodgkin_huxley": ["nncourse.hh"],
}

# Kernels that nbgrader starts (Validate, nbgrader autograde) log only
# errors: ipykernel's start-up warning that its loopback port is "running
# over TCP without encryption" concerns a port only this machine's nbgrader
# connects to, with the key only it holds; nobody can act on it.
c.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]

# A student who deletes a test cell gets it back at grading, hidden tests
# included, instead of the cell silently turning into "needs manual grade".
c.OverwriteCells.add_missing_cells = True

# nbgrader scores a test cell 0 if it wrote anything to stderr. In this course
# stderr never signals failure (a failing test raises, which is an error
# output): it carries NumPy RuntimeWarnings, UserWarnings and tqdm progress
# bars from correct code. Drop every stderr stream before scoring.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?s).*"

# A submission larger than this (in kB) is not run: it scores 0 with the
# reason (coursegrader). nbgrader's submit and collect skip larger files.
c.CourseDirectory.max_file_size = 20000

# grades.csv (make export) has rows only for assignments handed in, and an
# empty score, not 0.0, for a student who has not handed one in.
c.ExportApp.plugin_class = "coursegrader.export.SubmittedCsvExport"

# Feedback says which test failed and why, without the hidden test code
# that nbgrader would otherwise show in the cell and in its traceback; the
# page names every test and shows its formulas offline.
c.GenerateFeedback.exporter_class = "coursegrader.feedback.FeedbackExporter"
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests,
                                    CSSHTMLHeaderPreprocessor]

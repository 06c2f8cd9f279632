"""Grading a whole class with nbgrader, without losing a student.

``python -m coursegrader autograde`` wraps nbgrader's real autograde:

- every submission is first *staged*: damaged notebooks are repaired where
  that is safe (:mod:`coursegrader.submissions`) and replaced by the blank
  release, with the reason noted, where nothing can be run;
- students are graded one by one in parallel worker processes, each with its
  own scratch course and SQLite gradebook (:mod:`coursegrader.worker`), under
  a memory cap and a wall-clock deadline;
- each result is merged into the course's gradebook, SQLite or PostgreSQL
  (:mod:`coursegrader.gradebook`).

:class:`coursegrader.feedback.HideHiddenTests` keeps hidden test code out of
the feedback students receive.
"""
import sys

# jsonschema, imported by nbformat, builds the IRI grammar of the optional
# package rfc3987_syntax when it is installed: 2.6 s of start-up in every
# process, for a format check that grading never makes. Without it jsonschema
# simply does not check IRIs. Kernels and nbgrader's own commands are
# separate processes and keep it.
sys.modules.setdefault("rfc3987_syntax", None)

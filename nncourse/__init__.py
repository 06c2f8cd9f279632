"""Helpers shared by the lectures and assignments of the course.

Only code used by two or more notebooks lives here; each function's docstring
names the lecture that introduces it. Nothing in this package answers a graded
cell: the tests in ``tests/test_release.py`` check that.
"""

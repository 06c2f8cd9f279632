"""The course's own tools: its layout, running and storing notebooks.

- :mod:`coursetools.course`: where the lectures, assignments and solutions
  are, the course's nbgrader settings (one table of cell timeouts), and the
  reference solutions as code;
- :mod:`coursetools.notebooks`: executing a notebook on a fresh kernel the
  way a reader does, and storing a lecture executed (``make lectures``);
- ``python -m coursetools`` runs them from the command line (see ``--help``).

Used by the Makefile, ``book/build.py``, ``benchmarks/``, the grader and the
tests.
"""

"""Read the course's nbgrader_config.py as nbgrader would."""
import sys
from pathlib import Path


def load_config(root, assignment=None):
    """The traitlets Config of the course in ``root``.

    The course's file picks the cell timeout from the assignment named on
    the command line; ``assignment`` is put there while the file is read.
    """
    from traitlets.config.loader import PyFileConfigLoader
    if not (Path(root) / "nbgrader_config.py").exists():
        raise ValueError(f"{root} has no nbgrader_config.py: run the grader "
                         "from the course's root folder or give --root")
    argv = sys.argv
    sys.argv = [argv[0], "autograde"] + ([assignment] if assignment else [])
    try:
        return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    finally:
        sys.argv = argv

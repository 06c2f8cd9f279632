"""The course being graded: its folders, gradebook and settings."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursetools import course as layout

DEFAULT_MAX_FILE_SIZE_KB = 100000   # nbgrader's CourseDirectory.max_file_size


@dataclass
class Course:
    root: Path
    db_url: str
    max_bytes: int
    timeouts: dict

    @classmethod
    def load(cls, root: Path | str = ".") -> "Course":
        """The course in ``root``, as its nbgrader_config.py describes it."""
        root = Path(root).resolve()
        config = layout.load_config(root)
        settings = config.get("CourseDirectory", {})
        db_url = settings.get("db_url") or f"sqlite:///{root / 'gradebook.db'}"
        size_kb = settings.get("max_file_size", DEFAULT_MAX_FILE_SIZE_KB)
        return cls(root, db_url, 1000 * size_kb, layout.cell_timeouts(config))

    def cell_timeout(self, assignment: str) -> int:
        return self.timeouts.get(assignment, self.timeouts["default"])

    def students(self, assignment: str) -> list[str]:
        return sorted(p.parent.name for p in
                      (self.root / "submitted").glob(f"*/{assignment}")
                      if p.is_dir())

    def known(self) -> list[str]:
        """Every assignment of the course (``source/NN_topic/``)."""
        return layout.assignments(self.root)

    def assignments(self) -> list[str]:
        """The course's assignments that have at least one submission."""
        return [a for a in self.known() if self.students(a)]

    def release(self, assignment: str) -> dict:
        """{notebook name: released notebook} of ``assignment``."""
        folder = self.root / "release" / assignment
        notebooks = {p.name: nbformat.read(p, as_version=4)
                     for p in sorted(folder.glob("*.ipynb"))}
        if not notebooks:
            raise ValueError(f"release/{assignment} has no notebooks: run "
                             "`make release` before grading")
        return notebooks

"""Independent implementations of the assignments, for measuring fairness.

Each module ``benchmarks/fairness/<topic>_<nn>.py`` (``03_backprop`` ->
``backprop_03``) was written from what a student sees — the release notebook
and the lectures — never from ``source/`` or the hidden tests. It holds:

- ``BASE``: {grade_id: code}, one complete, valid implementation of every
  solution cell of the notebook;
- ``VALID``: variants that follow the notebook's text and must get full marks
  (loops instead of vectorised code, float32 where the text allows it, other
  valid algorithms, other error wording, ...);
- ``WRONG``: variants with one plausible student mistake each, naming the
  notebook's words they break; they must lose points.

``python -m benchmarks.fairness`` grades them all through coursegrader, as
``make autograde`` grades a class, and reports the share of valid variants at
full marks (target >= 98 %) and of wrong ones below full marks (>= 95 %).
"""
import importlib
from dataclasses import dataclass, field


@dataclass
class Variant:
    """BASE with some cells replaced and some edits made."""

    name: str
    cells: dict = field(default_factory=dict)   # grade_id -> whole new cell
    edits: list = field(default_factory=list)   # [(grade_id, old, new)]
    breaks: str = ""        # WRONG only: the notebook's words it breaks

    def apply(self, base: dict) -> dict:
        unknown = set(self.cells) - set(base)
        if unknown:
            raise ValueError(f"variant {self.name!r} names cells "
                             f"{sorted(unknown)} that BASE lacks")
        answers = {**base, **self.cells}
        for grade_id, old, new in self.edits:
            code = answers[grade_id]
            if code.count(old) != 1:
                raise ValueError(f"variant {self.name!r}: {old!r} occurs "
                                 f"{code.count(old)} times in {grade_id!r}")
            answers[grade_id] = code.replace(old, new)
        return answers


def implementations(assignment: str):
    """The module of independent implementations of ``assignment``."""
    number, topic = assignment.split("_", 1)
    return importlib.import_module(f"{__name__}.{topic}_{number}")

"""Student submissions the autograder must judge correctly, per assignment.

A *mutant* is the reference solution with one deliberate bug: it must score
below full marks, and lose points in the test cells named in ``caught_by``.
An *alternative* is a different but valid implementation: it must score full
marks. Each assignment has a module here named after it
(``03_backprop`` -> ``backprop_03``) with lists ``MUTANTS`` and
``ALTERNATIVES``.
"""
import importlib
from dataclasses import dataclass, field


@dataclass
class Mutant:
    name: str
    cell: str                   # grade_id of the solution cell to change
    edits: list                 # [(old, new)]: each `old` occurs exactly once
    caught_by: set = field(default_factory=set)   # test cells that must fail

    def apply(self, answers):
        code = answers[self.cell]
        for old, new in self.edits:
            count = code.count(old)
            if count != 1:
                raise ValueError(f"mutant {self.name!r}: {old!r} occurs "
                                 f"{count} times in cell {self.cell!r}; "
                                 "update the mutant to the solution")
            code = code.replace(old, new)
        return {**answers, self.cell: code}


@dataclass
class Alternative:
    name: str
    cells: dict = field(default_factory=dict)  # grade_id -> whole new cell
    edits: list = field(default_factory=list)  # [Mutant-style edits]

    def apply(self, answers):
        unknown = set(self.cells) - set(answers)
        if unknown:
            raise ValueError(f"alternative {self.name!r} names unknown "
                             f"cells {sorted(unknown)}")
        answers = {**answers, **self.cells}
        for cell, edits in self.edits:
            answers = Mutant(self.name, cell, edits).apply(answers)
        return answers


def cases_for(assignment):
    number, topic = assignment.split("_", 1)
    return importlib.import_module(f"{__name__}.{topic}_{number}")

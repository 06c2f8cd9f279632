"""Contract tables: each clause an assignment's text states, and the test
cells (grade_ids) that check it.

One module per assignment, ``tests/contracts/<assignment>.py``, holds
``CONTRACT = {part: [Clause(...), ...]}``, where ``part`` is the name of a
function or class a solution cell defines. ``quote`` is a short phrase
copied verbatim from the notebook's markdown or a solution cell's docstring
(whitespace may differ), so the table cannot drift from the text.
``tests/test_contracts.py`` checks the tables against the notebooks.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Clause:
    """One thing the text promises, and the test cells that check it."""

    what: str
    quote: str
    tests: list[str] = field(default_factory=list)
    gap: str | None = None     # why no test checks it (then tests == [])


def contract(assignment: str) -> dict[str, list[Clause]]:
    """The contract table of ``assignment``, e.g. ``"01_neuron_models"``."""
    module = importlib.import_module(f"tests.contracts.{assignment}")
    return module.CONTRACT

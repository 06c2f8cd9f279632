"""Feedback that tells a student which test failed and why, not what it is.

At autograde, nbgrader puts the hidden tests back into every test cell, and
``generate_feedback`` renders those cells as they ran: the hidden code in the
cell and again in every traceback. :class:`HideHiddenTests`, added to
``GenerateFeedback.preprocessors`` in nbgrader_config.py:

- removes the hidden region from each test cell (nbgrader's own
  ``ClearHiddenTests`` does that);
- says under each test cell, by its name, whether it passed, and if not,
  the exception and the message the test produced (unless the message
  quotes hidden code), with a line of advice;
- drops the outputs of the student's own cells: the student has them, and
  code that saw a hidden test's inputs must not show them here.
"""
from __future__ import annotations

from collections.abc import Iterator

import nbformat
from nbgrader.preprocessors import ClearHiddenTests

from coursetools.course import is_test_cell, nbgrader_meta

ADVICE = ("The hidden tests check the behaviour the task describes on inputs "
          "you have not seen; re-read the task, then test your code on cases "
          "of your own.")


class HideHiddenTests(ClearHiddenTests):
    """Strip hidden tests from test cells and from their outputs."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if not is_test_cell(cell):
            cell.outputs = []
            return cell, resources
        secret = self.hidden_lines(cell.source)
        cell, resources = super().preprocess_cell(cell, resources, index)
        name = nbgrader_meta(cell).get("grade_id", "this test")
        outputs = [self.scrub(output, secret, name) for output in cell.outputs]
        if not any(out.output_type == "error" for out in outputs):
            outputs.append(nbformat.v4.new_output(
                "stream", name="stdout", text=f"{name} passed.\n"))
        cell.outputs = outputs
        return cell, resources

    def hidden_lines(self, source: str) -> list[str]:
        """The non-trivial lines between the hidden-test delimiters."""
        lines, inside = [], False
        for line in source.splitlines():
            if self.begin_test_delimeter in line:
                inside = True
            elif self.end_test_delimeter in line:
                inside = False
            elif inside and len(line.strip()) >= 8:
                lines.append(line.strip())
        return lines

    @staticmethod
    def scrub(output, secret: list[str], name: str = "A test in this cell"):
        if output.output_type == "error":
            evalue = output.evalue
            if any(line in evalue for line in secret) or len(evalue) > 2000:
                evalue = "(the message quotes the hidden test)"
            error = f"{output.ename}: {evalue}" if evalue else output.ename
            return nbformat.v4.new_output(
                "error", ename=output.ename, evalue=evalue, traceback=[
                    f"{name} failed with {error}.", ADVICE])
        if any(line in text for text in strings(output) for line in secret):
            return nbformat.v4.new_output(
                "stream", name="stdout",
                text="[output of a hidden test, not shown]\n")
        return output


def strings(node) -> Iterator[str]:
    """Every string inside a JSON-like ``node``."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)

"""Feedback that tells a student which hidden test failed, not what it is.

At autograde, nbgrader puts the hidden tests back into every test cell, and
``generate_feedback`` renders those cells as they ran: the hidden code in the
cell and again in every traceback. :class:`HideHiddenTests`, added to
``GenerateFeedback.preprocessors`` in nbgrader_config.py, removes the hidden
region from each test cell (nbgrader's own ``ClearHiddenTests`` does that)
and replaces each error's traceback by one helpful sentence: the exception
and its message, unless the message quotes hidden code.
"""
import nbformat
from nbgrader.preprocessors import ClearHiddenTests

ADVICE = ("The hidden tests check the behaviour the task describes on inputs "
          "you have not seen; re-read the task, then test your code on cases "
          "of your own.")


class HideHiddenTests(ClearHiddenTests):
    """Strip hidden tests from test cells and from their outputs."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or self.begin_test_delimeter not in cell.source:
            return cell, resources
        secret = self.hidden_lines(cell.source)
        cell, resources = super().preprocess_cell(cell, resources, index)
        cell.outputs = [self.scrub(output, secret) for output in cell.outputs]
        return cell, resources

    def hidden_lines(self, source):
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
    def scrub(output, secret):
        if output.output_type == "error":
            evalue = output.evalue
            if any(line in evalue for line in secret) or len(evalue) > 2000:
                evalue = "(the message quotes the hidden test)"
            error = f"{output.ename}: {evalue}" if evalue else output.ename
            return nbformat.v4.new_output(
                "error", ename=output.ename, evalue=evalue, traceback=[
                    f"A test in this cell failed with {error}.", ADVICE])
        if any(line in text for text in strings(output) for line in secret):
            return nbformat.v4.new_output(
                "stream", name="stdout",
                text="[output of a hidden test, not shown]\n")
        return output


def strings(node):
    """Every string inside a JSON-like ``node``."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)

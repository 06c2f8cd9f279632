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

:class:`FeedbackExporter` (``GenerateFeedback.exporter_class``) makes the
page a student can read anywhere, offline included: the score list names
each test, and the formulas are typeset into the page (MathJax, run by
Node when the page is made) instead of by a script from the network.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import List

from coursegrader.processes import venv_path
from coursetools.course import assignments as course_assignments
from coursetools.course import is_test_cell, nbgrader_meta

ADVICE = ("The hidden tests check the behaviour the task describes on inputs "
          "you have not seen; re-read the task, then test your code on cases "
          "of your own.")


class HideHiddenTests(ClearHiddenTests):
    """Strip hidden tests from test cells and from their outputs."""

    # nbconvert's HTML exporter configures this for every preprocessor;
    # nbgrader's base class declares it without `config=True`, which makes
    # nbgrader warn "not recognized" on every feedback run.
    display_data_priority = List(
        ClearHiddenTests.display_data_priority.default_value).tag(config=True)

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


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback page with named tests and typeset formulas."""

    def from_notebook_node(self, nb, resources=None, **kwargs):
        html, resources = super().from_notebook_node(nb, resources, **kwargs)
        return typeset(name_tests(html), self.log), resources


# An entry of nbgrader's score list, which calls every test "Test cell"
UNNAMED_TEST = re.compile(r'<a href="#([\w-]+)">Test cell</a>')
TYPESET = Path(__file__).with_name("typeset.cjs")
# nbconvert's MathJax: a script from a CDN and its configuration
MATHJAX_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
NO_NODE = ("formulas in feedback are left to MathJax from the network: "
           "typesetting them into the page needs Node.js and the course's "
           "node_modules (make node_modules/.installed)")


def name_tests(html: str) -> str:
    """The score list of ``html`` with each test called by its name."""
    return UNNAMED_TEST.sub(r'<a href="#\1"><code>\1</code></a>', html)


def typeset(html: str, log) -> str:
    """``html`` with its formulas typeset into SVG and nbconvert's MathJax
    scripts removed; unchanged (with a warning) where Node cannot do it."""
    node = shutil.which("node")
    if node is None:
        log.warning(NO_NODE)
        return html
    done = subprocess.run([node, str(TYPESET)], input=html,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        log.warning("%s (%s)", NO_NODE, done.stderr.strip()[-500:])
        return html
    return MATHJAX_SCRIPTS.sub("", done.stdout)


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


def generate_feedback(root: Path | str = ".",
                      assignments: list[str] | None = None) -> int:
    """``nbgrader generate_feedback`` for each assignment with graded
    submissions in ``root``/autograded (``make feedback``), made again
    where it exists (a submission graded again gets feedback that says so);
    an assignment nobody has handed in yet is said and skipped, not an
    error. Returns
    the exit code: 0, or that of the first nbgrader run that failed."""
    root = Path(root).resolve()
    known = course_assignments(root)
    unknown = sorted(set(assignments or []) - set(known))
    if unknown:
        raise ValueError(f"no assignment named {', '.join(unknown)} in "
                         f"source/; the course has: {', '.join(known)}")
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    env = dict(os.environ, PATH=venv_path())
    for assignment in assignments or known:
        graded = list((root / "autograded").glob(f"*/{assignment}"))
        if not graded:
            print(f"{assignment}: no graded submissions yet, no feedback")
            continue
        print(f"{assignment}: feedback for {len(graded)} submissions")
        done = subprocess.run(
            [nbgrader, "generate_feedback", assignment, "--force"],
            cwd=root, env=env)
        if done.returncode != 0:
            return done.returncode
    return 0

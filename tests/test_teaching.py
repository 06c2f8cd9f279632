"""The lectures teach actively, and their pictures can be read without sight.

Read from the stored notebooks in course/ (nothing is executed):

- every teaching section (a ``## `` heading up to the next one) holds one to
  three "Predict, then run" checkpoints: a markdown cell that starts with
  ``**Predict, then run.**`` and asks a question, then a markdown cell that
  is only a collapsed ``<details><summary>Answer</summary> ... </details>``,
  then the code cell that settles it. The closing sections (what to
  remember, exercises, reading list, what next) ask no question of their
  own;
- every exercise (a markdown cell that starts with ``**Exercise``) is
  followed by a collapsed Hint and a collapsed Worked answer with its code
  in a fenced block;
- every code cell that stores a picture carries a one-sentence description
  of it in ``metadata.alt`` (nbconvert's alt text; the web book copies it
  into the page, see tests/test_book.py).
"""
import re

import nbformat
import pytest

from coursetools.course import REPO

LECTURES = sorted((REPO / "course").glob("[0-9][0-9]_*.ipynb"))
CLOSING = {"What to remember", "Exercises", "Reading list", "What next"}
CHECKPOINT = "**Predict, then run.**"
EXERCISE = "**Exercise"
MAX_CHECKPOINTS = 3


def details(summary):
    """A markdown cell that is only one collapsed block with ``summary``."""
    return re.compile(rf"\A<details><summary>{summary}</summary>\n.*\S.*\n"
                      r"</details>\Z", re.S)


ANSWER, HINT, WORKED = (details(s) for s in ("Answer", "Hint",
                                              "Worked answer"))
FENCED_CODE = re.compile(r"^```[a-z]*\n.*?\n```$", re.S | re.M)


def lecture_params():
    return [pytest.param(path, id=path.name) for path in LECTURES]


def cells_of(path):
    return nbformat.read(path, as_version=4).cells


def sections(cells):
    """[(title, [cell index, ...])]: the cells from each ``## `` heading to
    the next; a cell that holds a heading belongs to its last heading."""
    found = []
    for i, cell in enumerate(cells):
        titles = [line[3:].strip() for line in cell.source.splitlines()
                  if cell.cell_type == "markdown" and line.startswith("## ")]
        for title in titles[:-1]:
            found.append((title, [i]))
        if titles:
            found.append((titles[-1], []))
        if found:
            found[-1][1].append(i)
    return found


def is_markdown(cells, i, pattern):
    return (i < len(cells) and cells[i].cell_type == "markdown"
            and bool(pattern.match(cells[i].source.strip())))


def checkpoint_problems(cells, i):
    """What is wrong with the checkpoint at cell ``i`` (empty if nothing)."""
    problems = []
    question = cells[i].source[len(CHECKPOINT):].strip()
    if "?" not in question:
        problems.append(f"cell {i}: the checkpoint asks no question")
    if not is_markdown(cells, i + 1, ANSWER):
        problems.append(f"cell {i + 1}: not an Answer <details> cell after "
                        "the checkpoint")
    elif i + 2 >= len(cells) or cells[i + 2].cell_type != "code":
        problems.append(f"cell {i + 2}: the checkpoint's answer is not "
                        "followed by the code cell that settles it")
    return problems


@pytest.mark.parametrize("path", lecture_params())
def test_every_section_opens_with_predict_then_run(path):
    cells = cells_of(path)
    problems = []
    for title, indices in sections(cells):
        points = [i for i in indices if cells[i].cell_type == "markdown"
                  and cells[i].source.startswith(CHECKPOINT)]
        for i in points:
            problems += checkpoint_problems(cells, i)
        if title in CLOSING:
            continue
        if not 1 <= len(points) <= MAX_CHECKPOINTS:
            problems.append(f"section '{title}': {len(points)} checkpoints, "
                            f"want 1 to {MAX_CHECKPOINTS}")
    assert sections(cells), f"{path.name} has no '## ' sections"
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", lecture_params())
def test_every_exercise_has_a_hint_and_a_worked_answer(path):
    cells = cells_of(path)
    exercises = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
                 and c.source.startswith(EXERCISE)]
    problems = []
    for i in exercises:
        if not is_markdown(cells, i + 1, HINT):
            problems.append(f"cell {i + 1}: no Hint <details> after the "
                            "exercise")
        if not is_markdown(cells, i + 2, WORKED):
            problems.append(f"cell {i + 2}: no Worked answer <details> "
                            "after the hint")
        elif not FENCED_CODE.search(cells[i + 2].source):
            problems.append(f"cell {i + 2}: the worked answer has no "
                            "fenced code block")
    assert exercises, f"{path.name} has no **Exercise cells"
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", lecture_params())
def test_every_stored_picture_has_alt_text(path):
    cells = cells_of(path)
    missing = [i for i, c in enumerate(cells) if c.cell_type == "code"
               and any("image/png" in out.get("data", {})
                       for out in c.outputs)
               and not str(c.metadata.get("alt", "")).strip()]
    assert not missing, (
        f"{path.name}: code cells {missing} store a picture without "
        "metadata.alt (one sentence that says what the figure shows)")


# The checks on small made-up notebooks, so that a broken check cannot pass
# every lecture unnoticed.
def md(text):
    return nbformat.v4.new_markdown_cell(text)


def code(text=""):
    return nbformat.v4.new_code_cell(text)


GOOD = [md("# Title"), md("## 1. Part"),
        md(f"{CHECKPOINT} What shape is `x`?"),
        md("<details><summary>Answer</summary>\n\n(2, 3)\n\n</details>"),
        code("x.shape"), md("## Exercises")]


def test_sections_split_at_second_level_headings_only():
    cells = [md("# T"), md("## A"), md("### A.1"), code(),
             md("text\n\n## B\n\nmore"), md("## What to remember\n\n"
                                          "* x\n\n## Exercises")]
    assert sections(cells) == [("A", [1, 2, 3]), ("B", [4]),
                               ("What to remember", [5]),
                               ("Exercises", [5])]


def test_a_good_checkpoint_passes_and_broken_ones_are_found():
    assert checkpoint_problems(GOOD, 2) == []
    no_answer = GOOD[:3] + [GOOD[4]]
    assert "Answer" in checkpoint_problems(no_answer, 2)[0]
    open_answer = GOOD[:3] + [md("**Answer:** (2, 3)")] + GOOD[4:]
    assert checkpoint_problems(open_answer, 2)
    no_code = GOOD[:4] + [md("text")]
    assert "code cell" in checkpoint_problems(no_code, 2)[0]
    no_question = [md(f"{CHECKPOINT} Run it.")] + GOOD[3:]
    assert "no question" in checkpoint_problems(no_question, 0)[0]

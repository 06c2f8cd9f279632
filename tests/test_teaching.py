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

And the assignments (source/ and release/) send their students to the
lectures: every part (each solution cell) has a link, in the markdown since
the previous part, to the lecture section that teaches it, and every such
link reaches an existing lecture and heading in JupyterLab.
"""
import functools
import importlib.util
import re

import nbformat
import pytest
from markdown_it import MarkdownIt

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


# Every part of every assignment links the lecture section that teaches it.
# The links are written for JupyterLab, from source/A/A.ipynb, release/A/
# and coursework/A/ (all two levels below the repository):
# ``[lecture 04, §4.2 Nesterov](../../course/04_optimizers.ipynb#ANCHOR)``
# with JupyterLab's anchor of the heading (book/build.py: lab_anchor). The
# web book rewrites them to its lecture pages (tests/test_book.py).
ASSIGNMENT_DIRS = ("source", "release", "coursework")
ASSIGNMENTS = sorted(path for folder in ASSIGNMENT_DIRS[:2]
                     for path in (REPO / folder).glob("*/*.ipynb"))
LINK_PREFIX = "../../course/"


def load_build():
    """book/build.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "book_build", REPO / "book" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = load_build()
MARKDOWN = MarkdownIt("commonmark")


@functools.lru_cache(maxsize=None)
def lab_anchors(lecture):
    """JupyterLab's anchors of the headings of ``lecture`` (a file name in
    course/). A heading with a formula is left out: MathJax sets it before
    JupyterLab reads its text, so its anchor cannot be written down."""
    nb = nbformat.read(REPO / "course" / lecture, as_version=4)
    return {BUILD.lab_anchor(text) for _, text in BUILD.headings(nb)
            if "$" not in text}


def links_of(markdown):
    """The link targets in ``markdown`` as markdown-it reads them: relative
    to the notebook, percent-encoded where a browser would encode them."""
    def walk(tokens):
        for token in tokens:
            if token.type == "link_open":
                yield token.attrs["href"]
            yield from walk(token.children or [])
    return list(walk(MARKDOWN.parse(markdown)))


def lecture_link_problem(href):
    """What is wrong with a link to a lecture ('' if it works), or None if
    ``href`` is not a link to a lecture."""
    if ("course/" not in href or ".ipynb" not in href
            or re.match(r"[a-z][a-z0-9+.-]*:", href)):       # a URL
        return None
    path, _, anchor = href.partition("#")
    lecture = path.removeprefix(LINK_PREFIX)
    if not path.startswith(LINK_PREFIX) or "/" in lecture:
        return (f"{href}: write lecture links as {LINK_PREFIX}NAME.ipynb"
                "#ANCHOR, which works from source/A/, release/A/ and "
                "coursework/A/")
    for folder in ASSIGNMENT_DIRS:
        target = (REPO / folder / "A" / path).resolve()
        if not target.is_file():
            return f"{href}: no file {target.relative_to(REPO)}"
    if not anchor:
        return f"{href}: no #anchor of the section that teaches the part"
    if "%" in anchor:
        return (f"{href}: the anchor holds a character a browser "
                "percent-encodes (not ASCII, or one of \" < > `), and "
                "JupyterLab compares the encoded anchor with the heading's: "
                "use a heading without it")
    if anchor not in lab_anchors(lecture):
        return (f"{href}: course/{lecture} has no heading with the "
                f"JupyterLab anchor '{anchor}' (its heading text with each "
                "space made '-')")
    return ""


def part_link_problems(cells):
    """Each solution cell (an assignment's part) needs a working lecture link
    in the markdown since the previous solution cell; every lecture link
    must work."""
    problems, links, previous = [], [], None
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            for href in links_of(cell.source):
                problem = lecture_link_problem(href)
                if problem:
                    problems.append(f"cell {i}: {problem}")
                elif problem == "":
                    links.append(href)
        elif cell.metadata.get("nbgrader", {}).get("solution"):
            part = cell.metadata["nbgrader"].get("grade_id", f"cell {i}")
            if not links:
                since = ("the start" if previous is None
                         else f"the solution cell {previous}")
                problems.append(
                    f"part {part} (cell {i}): no working link to the "
                    f"lecture section that teaches it in the markdown "
                    f"since {since}")
            links, previous = [], part
    return problems


@pytest.mark.parametrize("path", [pytest.param(p, id=str(p.relative_to(
    REPO))) for p in ASSIGNMENTS])
def test_every_part_links_the_lecture_section_that_teaches_it(path):
    cells = cells_of(path)
    assert any(c.metadata.get("nbgrader", {}).get("solution")
               for c in cells), f"{path.name} has no solution cells"
    problems = part_link_problems(cells)
    assert not problems, f"{path.relative_to(REPO)}:\n  " + "\n  ".join(
        problems)


def solution(grade_id="part"):
    cell = code("### BEGIN SOLUTION\n### END SOLUTION")
    cell.metadata["nbgrader"] = {"solution": True, "grade_id": grade_id}
    return cell


NESTEROV = "4.2-Nesterov's-accelerated-gradient"


def test_lab_anchor_is_the_heading_text_with_spaces_made_hyphens():
    nb = nbformat.v4.new_notebook(cells=[md(
        "### 4.2 Nesterov's accelerated gradient\n\n"
        "## 2. The `McCulloch-Pitts` **unit** (1943)\n\n```\n# not one\n```")])
    assert [BUILD.lab_anchor(t) for _, t in BUILD.headings(nb)] == [
        NESTEROV, "2.-The-McCulloch-Pitts-unit-(1943)"]
    assert NESTEROV in lab_anchors("04_optimizers.ipynb")


@pytest.mark.parametrize("href, problem", [
    (f"../../course/04_optimizers.ipynb#{NESTEROV}", ""),
    ("https://example.org/course/x.ipynb", ""),     # not a lecture: None
    ("../course/04_optimizers.ipynb#x", "write lecture links as"),
    ("../../course/99_nothing.ipynb#x", "no file course/99_nothing.ipynb"),
    ("../../course/04_optimizers.ipynb", "no #anchor"),
    ("../../course/04_optimizers.ipynb#4.2-Nesterov", "has no heading"),
    ("../../course/04_optimizers.ipynb#4.2-nesterov's-accelerated-gradient",
     "has no heading"),
])
def test_lecture_link_problems_are_found(href, problem):
    found = lecture_link_problem(href)
    if href.startswith("https"):
        assert found is None
    else:
        assert problem in found and bool(found) == bool(problem), found
    percent = links_of("[a](../../course/05_second_order.ipynb#5.-A–B)")
    assert "percent-encodes" in lecture_link_problem(percent[0])


def test_each_part_needs_its_own_link():
    link = f"[lecture 04, §4.2](../../course/04_optimizers.ipynb#{NESTEROV})"
    good = [md(f"## Part A\n\nSee {link}."), solution("a"), code("test"),
            md(f"Then {link}"), solution("b")]
    assert part_link_problems(good) == []
    no_link = good[:3] + [md("Then more.")] + good[4:]
    assert "part b (cell 4): no working link" in part_link_problems(
        no_link)[0]
    back_to_back = good[:2] + [solution("c")]
    assert "part c" in part_link_problems(back_to_back)[0]
    broken = [md("[x](../../course/04_optimizers.ipynb#Nope)"), solution()]
    assert len(part_link_problems(broken)) == 2     # the link, the part

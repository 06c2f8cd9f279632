"""Build the course's web book with Jupyter Book, offline (make book).

    python book/build.py            # -> _build/html/index.html

The book is assembled in _build/book-src from what the repository stores:

- lectures/: the lectures from course/, with their stored outputs. A widget
  cannot run in a static page, so its placeholder output is dropped and the
  snapshot of what it drew (coursetools.notebooks.add_widget_snapshots) is
  shown, with a note on how to run it live.
- solutions/: the instructor notebooks from source/, executed (two at a
  time, kept in _build/executed/ and shared with the tests) and presented as
  worked solutions: nbgrader's hidden tests and the solution markers
  removed, and the students' instructions (where to write code, how to
  submit) replaced by a note for the reader. A solution that fails to run
  fails the build.
- favicon.svg, linked from every page, and _extra/favicon.ico, served at
  the site's root for browsers that ask for /favicon.ico: a neuron.

Each lecture links to its assignment's solution and back. An assignment links
the lecture sections that teach each part, as JupyterLab needs it,
``../../course/NAME.ipynb#ANCHOR`` with JupyterLab's anchor of a heading
(:func:`lab_anchor`); in the worked solution that link becomes one to the
book's lecture page, ``../lectures/NAME.ipynb#SLUG`` with MyST's slug of the
same heading (:func:`myst_slug`, ``myst_heading_anchors`` in _config.yml),
which Sphinx resolves (a link to a heading that is not there fails the
build). Formulas are set by
MathJax from node_modules (npm ci), so the pages load nothing from the
network. The build is strict: any Sphinx warning (a missing page, image or
reference) fails it.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt
from myst_parser.mdit_to_docutils.base import default_slugify
from nbgrader.preprocessors import ClearHiddenTests
from PIL import Image, ImageDraw

from coursegrader.processes import ONE_THREAD
from coursetools.course import assignments as assignments_of
from coursetools.course import lectures as lectures_of
from coursetools.notebooks import WIDGET_VIEW, clean, run_cached

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
BUILD = REPO / "_build"
STAGE = BUILD / "book-src"
HTML = BUILD / "html"
MATHJAX = REPO / "node_modules" / "mathjax" / "es5"
# What MathJax's full TeX component loads: the script, and on demand its
# fonts, menu and accessibility parts.
MATHJAX_PARTS = ["tex-chtml-full.js", "output/chtml/fonts/woff-v2", "ui",
                 "a11y"]

SOLUTION_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)
# The students' instructions in an assignment: how it is graded (write code
# where it says YOUR CODE HERE, ... press Validate) and how to submit it.
GRADING_NOTE = re.compile(
    r"\*\*How this notebook is graded\.\*\*.*?(?=\n\n|\Z)", re.S)
READING_NOTE = ("**How to read it.** Each part states the task as the "
                "students get it, then shows the code that solves it and "
                "the checks it passes. Try a part yourself before you "
                "read its code.")
BEFORE_YOU_SUBMIT = "## Before you submit\n"
SUBMITTING = re.compile(r"Validate|Restart Kernel|YOUR CODE HERE")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*])")
# A link from an assignment (source/A/, release/A/ or coursework/A/, all two
# levels below the repository) to a lecture or one of its headings; the
# anchor may hold balanced parentheses, as a CommonMark link may.
LECTURE_LINK = re.compile(
    r"\]\(\.\./\.\./course/(?P<name>[0-9][0-9]_\w+)\.ipynb"
    r"(?:#(?P<anchor>(?:[^\s()]|\([^\s()]*\))*))?\)")
# Heading levels that get a MyST slug (myst_heading_anchors in _config.yml).
SLUG_LEVELS = 3
# The neuron of the favicon, on a 64 x 64 grid: three inputs, the cell
# body, the axon and its end.
ICON_COLOR = "#2b5797"
ICON_STROKE = 5
ICON_LINES = [((10, 14), (32, 32)), ((10, 32), (32, 32)),
              ((10, 50), (32, 32)), ((32, 32), (56, 32))]
ICON_DOTS = [((10, 14), 6), ((10, 32), 6), ((10, 50), 6), ((32, 32), 13),
             ((56, 32), 5)]
LIVE_NOTE = """```{{admonition}} Interactive figure
:class: note
This figure is interactive in JupyterLab: the picture above is what it shows
with its starting values. To move its controls, run `course/{name}` in
JupyterLab (`make lab`).
```"""


def title(nb):
    """The notebook's first heading, without its '#'."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    raise ValueError("a notebook of the book needs a '# Title' heading "
                     "in its first markdown cell")


def md(text):
    return nbformat.v4.new_markdown_cell(text)


def headings(nb):
    """[(level, text)] of the markdown headings of ``nb`` in order, each as
    a reader sees it: code spans, emphasis and escapes rendered, entities
    decoded (markdown-it, CommonMark)."""
    parser = MarkdownIt("commonmark")
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        tokens = parser.parse(cell.source)
        for opening, inline in zip(tokens, tokens[1:]):
            if opening.type == "heading_open":
                text = "".join(child.content for child in inline.children
                               if child.type in ("text", "code_inline"))
                found.append((int(opening.tag[1:]), text))
    return found


def lab_anchor(text):
    """JupyterLab's anchor of a heading whose text a reader sees as
    ``text``: the text with every space made a hyphen, case and punctuation
    kept (createHeaderId in @jupyterlab/rendermime: the heading element's
    textContent with / /g replaced by '-')."""
    return text.replace(" ", "-")


def myst_slug(text, taken=()):
    """MyST's slug of a heading (myst_heading_anchors): GitHub's, lower
    case, spaces made hyphens, what is not a word character, '-' or ' '
    dropped; '-1', '-2', ... appended while it is in ``taken``."""
    slug = base = default_slugify(text)
    number = 0
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def lecture_anchors(nb):
    """{JupyterLab anchor: MyST slug} of the lecture's headings that get a
    slug in the book (levels 1 to SLUG_LEVELS)."""
    anchors, slugs = {}, set()
    for level, text in headings(nb):
        if level <= SLUG_LEVELS:
            slug = myst_slug(text, slugs)
            slugs.add(slug)
            anchors.setdefault(lab_anchor(text), slug)
    return anchors


def to_book_links(markdown, anchors, where):
    """``markdown`` with each link to a lecture (heading) made a link to the
    book's lecture page (and the same heading there); exits naming
    ``where`` if a link's lecture or heading does not exist. ``anchors``:
    {lecture name: lecture_anchors(lecture)}."""
    def book_link(match):
        name, anchor = match["name"], match["anchor"]
        if name not in anchors:
            sys.exit(f"{where} links course/{name}.ipynb, which is not a "
                     "lecture of the course")
        target = f"](../lectures/{name}.ipynb"
        if anchor:
            if anchor not in anchors[name]:
                sys.exit(f"{where} links course/{name}.ipynb#{anchor}, but "
                         "no heading of that lecture (down to level "
                         f"{SLUG_LEVELS}) has that JupyterLab anchor")
            target += f"#{anchors[name][anchor]}"
        return target + ")"
    return LECTURE_LINK.sub(book_link, markdown)


def with_alt_text(cell):
    """Give the cell's pictures its ``metadata.alt`` as their alt text:
    nbconvert reads that key, MyST-NB reads the cell's image options
    ``metadata.mystnb.image`` (render_image_options, cell level)."""
    alt = str(cell.metadata.get("alt", "")).strip()
    if alt:
        cell.metadata.setdefault("mystnb", {}).setdefault("image", {})[
            "alt"] = alt
    return cell


def stage_lecture(name, has_assignment):
    """course/NAME.ipynb as a page: widgets as snapshots, alt text on its
    pictures, a link to its solution."""
    nb = nbformat.read(REPO / "course" / f"{name}.ipynb", as_version=4)
    cells = []
    for cell in nb.cells:
        cells.append(with_alt_text(cell))
        if cell.cell_type != "code":
            continue
        live = [o for o in cell.outputs if WIDGET_VIEW in o.get("data", {})]
        if live:
            cell.outputs = [o for o in cell.outputs if o not in live]
            cells.append(md(LIVE_NOTE.format(name=f"{name}.ipynb")))
    if has_assignment:
        cells.append(md(
            "## Assignment\n\n"
            f"Practise this lecture in its assignment, `release/{name}/` in "
            "the course (open it in JupyterLab, solve it, press *Validate*). "
            "After you have tried it, compare with the "
            f"[worked solution](../solutions/{name}.ipynb)."))
    nb.cells = cells
    return nb


def execute_solutions(names):
    """{name: source/NAME/NAME.ipynb executed}, two at a time, each once:
    the executions are kept in _build/executed/, which the tests share."""
    paths = [REPO / "source" / name / f"{name}.ipynb" for name in names]
    with ProcessPoolExecutor(2, initializer=os.environ.update,
                             initargs=(ONE_THREAD,)) as pool:
        runs = pool.map(run_cached, paths)
        return {name: nb for name, (nb, _) in zip(names, runs)}


def stage_solution(nb, name, lecture_title, anchors):
    """The executed instructor notebook ``nb`` of assignment ``name`` as a
    worked solution: no hidden tests, no solution markers, no instructions
    to students, its links to lecture sections made links to the book's
    lecture pages (``anchors``: see :func:`to_book_links`)."""
    nb, _ = ClearHiddenTests().preprocess(nb, {})
    clean(nb)
    nb = without_student_instructions(nb, name)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.source = SOLUTION_MARKER.sub("", cell.source).rstrip()
        else:
            cell.source = to_book_links(cell.source, anchors,
                                        f"source/{name}/{name}.ipynb")
    heading = nb.cells[0]
    heading.source = heading.source.replace(
        f"# {title(nb)}", f"# {title(nb)}: worked solution", 1)
    nb.cells.insert(1, md(
        "```{tip}\n"
        f"This is the worked solution of the assignment `release/{name}/`, "
        "with every function written out and the visible checks run. The "
        "graders' hidden tests are not shown. The lecture it practises: "
        f"[{lecture_title}](../lectures/{name}.ipynb).\n```"))
    return nb


def for_readers(markdown):
    """An assignment's markdown cell as a worked solution's reader needs
    it: the grading note replaced, 'Before you submit' turned into 'Going
    further' without the submitting; None if nothing is left."""
    text = GRADING_NOTE.sub(READING_NOTE, markdown)
    if not text.startswith(BEFORE_YOU_SUBMIT):
        return text
    body = text.removeprefix(BEFORE_YOU_SUBMIT).strip()
    kept = [s for s in SENTENCE_END.split(body) if not SUBMITTING.search(s)]
    if not kept:
        return None
    first = re.sub(r"^Then,? ", "", kept[0])
    kept[0] = first[0].upper() + first[1:]
    return "## Going further\n\n" + " ".join(kept)


def without_student_instructions(nb, name):
    """``nb`` with its markdown rewritten by :func:`for_readers`; exits if
    an instruction to the students is left."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = for_readers(cell.source)
            if cell.source is None:
                continue
            left = SUBMITTING.search(cell.source)
            if left:
                sys.exit(f"source/{name}: the worked solution would still "
                         f"tell the reader to {left.group(0)!r}:\n"
                         f"{cell.source}\nbook/build.py (for_readers) does "
                         "not know this wording; teach it.")
        cells.append(cell)
    nb.cells = cells
    return nb


def chapters_table(lectures, assignments, titles):
    rows = ["## Chapters", "", "| lecture | assignment |", "|---|---|"]
    for name in lectures:
        solution = (f"[worked solution](solutions/{name}.ipynb)"
                    if name in assignments else "")
        lecture = f"[{titles[name]}](lectures/{name}.ipynb)"
        rows.append(f"| {lecture} | {solution} |")
    return "\n".join(rows) + "\n"


def favicon_svg():
    """The favicon as SVG text."""
    lines = "".join(f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}"/>'
                    for a, b in ICON_LINES)
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="{r}"/>'
                   for (x, y), r in ICON_DOTS)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
            f'<g stroke="{ICON_COLOR}" stroke-width="{ICON_STROKE}">{lines}'
            f'</g><g fill="{ICON_COLOR}">{dots}</g></svg>\n')


def write_favicon_ico(path, scale=4):
    """The favicon as ICO (16, 32 and 48 pixels), drawn from the same
    shapes as the SVG."""
    image = Image.new("RGBA", (64 * scale, 64 * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for a, b in ICON_LINES:
        draw.line([(a[0] * scale, a[1] * scale), (b[0] * scale, b[1] * scale)],
                  fill=ICON_COLOR, width=ICON_STROKE * scale)
    for (x, y), r in ICON_DOTS:
        draw.ellipse([(x - r) * scale, (y - r) * scale, (x + r) * scale,
                      (y + r) * scale], fill=ICON_COLOR)
    image.save(path, sizes=[(16, 16), (32, 32), (48, 48)])


def table_of_contents(lectures, assignments):
    lines = ["format: jb-book", "root: intro", "parts:",
             "  - caption: Lectures", "    chapters:"]
    lines += [f"      - file: lectures/{name}" for name in lectures]
    lines += ["  - caption: Worked solutions", "    chapters:"]
    lines += [f"      - file: solutions/{name}" for name in assignments]
    return "\n".join(lines) + "\n"


def stage():
    """Write the book's sources into STAGE; keep Jupyter Book's cache."""
    if not (MATHJAX / MATHJAX_PARTS[0]).exists():
        sys.exit("MathJax is missing from node_modules: run `npm ci` "
                 "(or `make book`, which does) and build again.")
    lectures = [p.stem for p in lectures_of(REPO)]
    assignments = assignments_of(REPO)
    missing = set(assignments) - set(lectures)
    if missing:
        sys.exit("assignments without a lecture of the same name: "
                 f"{sorted(missing)}")
    shutil.rmtree(STAGE, ignore_errors=True)
    (STAGE / "lectures").mkdir(parents=True)
    (STAGE / "solutions").mkdir()
    titles, anchors = {}, {}
    for name in lectures:
        nb = stage_lecture(name, name in assignments)
        titles[name] = title(nb)
        anchors[name] = lecture_anchors(nb)
        nbformat.write(nb, STAGE / "lectures" / f"{name}.ipynb")
    for name, nb in execute_solutions(assignments).items():
        nbformat.write(stage_solution(nb, name, titles[name], anchors),
                       STAGE / "solutions" / f"{name}.ipynb")
    shutil.copy(BOOK / "_config.yml", STAGE)
    (STAGE / "favicon.svg").write_text(favicon_svg())
    (STAGE / "_extra").mkdir()
    write_favicon_ico(STAGE / "_extra" / "favicon.ico")
    (STAGE / "_toc.yml").write_text(table_of_contents(lectures, assignments))
    intro = (BOOK / "intro.md").read_text()
    (STAGE / "intro.md").write_text(
        intro + "\n" + chapters_table(lectures, assignments, titles))
    for part in MATHJAX_PARTS:
        # Not under _static/, where Jupyter Book would add every .js as a
        # <script>: Sphinx copies _mathjax/* into the site's _static/.
        source, target = MATHJAX / part, STAGE / "_mathjax" / "mathjax" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)


def build():
    """Run Jupyter Book on STAGE into HTML; return its exit code."""
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build",
               str(STAGE), "--path-output", str(BUILD.parent),
               "--warningiserror", "--nitpick", "--keep-going"]
    # The html lands in BUILD/html (--path-output REPO -> REPO/_build/html).
    return subprocess.run(command, cwd=REPO).returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    stage()
    code = build()
    if code == 0:
        print(f"\nThe book: {HTML / 'index.html'}\n"
              "Serve it with: make serve-book")
    sys.exit(code)


if __name__ == "__main__":
    main()

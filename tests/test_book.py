"""The web book (make book): built offline, complete, and working in a browser.

The book is built once per session into _build/html by book/build.py, with
every proxy variable pointing at a closed port, so a build step that tried to
download something would fail. The Sphinx build itself is strict: any
warning (a missing page, image or cross-reference) fails it.
"""
import functools
import html
import http.server
import re
import subprocess
import sys
import threading
import urllib.request

import nbformat
import pytest

from coursetools.notebooks import WIDGET_VIEW
from tests import browser
from tests import coursekit as ck
from tests.test_teaching import BUILD

pytestmark = pytest.mark.slow     # make test-fast leaves it out

REPO = ck.REPO
SITE = REPO / "_build" / "html"
LECTURES = sorted(p.stem for p in (REPO / "course").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = ck.assignments()
CLOSED_PORT = "http://127.0.0.1:9"      # the discard port: nothing listens
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
# What an assignment tells its students, and a worked solution must not.
INSTRUCTIONS = ["YOUR CODE HERE", "NotImplementedError()", "Validate",
                "Restart Kernel", "Before you submit"]
ICON_LINK = re.compile(r"<link rel=\"icon\" href=\"([^\"]+)\"")
ICO_MAGIC = b"\x00\x00\x01\x00"
LOADS = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*?"
                   r"\b(?:src|href)=\"(https?:)?//[^\"]*\"")
# A link of a worked solution to a section of a lecture page.
SECTION_LINK = re.compile(r'href="\.\./lectures/([0-9][0-9]_\w+)\.html#'
                          r'([^"]+)"')


@pytest.fixture(scope="session")
def built_book():
    """Build the book; return Sphinx's and Jupyter Book's output."""
    offline = {k: CLOSED_PORT for k in ("http_proxy", "https_proxy",
                                        "HTTP_PROXY", "HTTPS_PROXY",
                                        "ALL_PROXY", "all_proxy")}
    result = subprocess.run([sys.executable, "book/build.py"], cwd=REPO,
                            env=ck.nbgrader_env(**offline, no_proxy="",
                                                NO_PROXY=""),
                            capture_output=True, text=True, timeout=1800)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"the book failed to build:\n{log[-5000:]}"
    return log


def page(path):
    return (SITE / path).read_text(encoding="utf-8")


def text_of(page_html):
    """What a reader sees: the page without its tags and entities."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def book_pages():
    """The site's pages: not the theme's templates under _static/, nor
    index.html, which only sends the browser on to intro.html."""
    return sorted(p for p in SITE.rglob("*.html")
                  if "_static" not in p.relative_to(SITE).parts
                  and 'http-equiv="Refresh"' not in p.read_text())


def stored_pictures(nb):
    return sum("image/png" in out.get("data", {}) for cell in nb.cells
               if cell.cell_type == "code" for out in cell.outputs)


def pictures_on(page_html):
    return re.findall(r"<img [^>]*src=\"([^\"]*_images/[^\"]+)\"", page_html)


def test_book_builds_without_warnings(built_book):
    warnings = [line for line in built_book.splitlines() if "WARNING:" in line]
    assert not warnings, ("the book built with warnings:\n"
                          + "\n".join(warnings))
    assert "build succeeded" in built_book
    for name in LECTURES:
        assert (SITE / "lectures" / f"{name}.html").exists(), (
            f"no page for {name}")
    for name in SOLUTIONS:
        assert (SITE / "solutions" / f"{name}.html").exists(), (
            f"no worked solution for {name}")


@pytest.mark.parametrize("name", LECTURES)
def test_lecture_page_shows_every_stored_picture(built_book, name):
    nb = nbformat.read(REPO / "course" / f"{name}.ipynb", as_version=4)
    html_page = page(f"lectures/{name}.html")
    pictures = pictures_on(html_page)
    assert len(pictures) == stored_pictures(nb), (
        f"lectures/{name}.html shows {len(pictures)} pictures; the lecture "
        f"stores {stored_pictures(nb)}")
    for src in pictures:
        assert (SITE / "lectures" / src).resolve().is_file(), (
            f"lectures/{name}.html points at a missing picture {src}")


@pytest.mark.parametrize("name", LECTURES)
def test_lecture_page_shows_every_section_checkpoint_and_exercise(
        built_book, name):
    """Every heading of the lecture is on its page, and so is every "Predict,
    then run" checkpoint, every exercise and every collapsed answer, hint
    and worked answer (tests/test_teaching.py checks the notebooks)."""
    nb = nbformat.read(REPO / "course" / f"{name}.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in nb.cells
                         if c.cell_type == "markdown")
    html_page = page(f"lectures/{name}.html")
    # Sphinx's smart quotes print an apostrophe as a typographic one.
    shown = text_of(html_page).replace("\u2019", "'")
    missing = [text for _, text in BUILD.headings(nb) if text not in shown]
    assert not missing, f"lectures/{name}.html lacks the headings {missing}"
    for written, rendered in (("**Predict, then run.**",
                               "<strong>Predict, then run.</strong>"),
                              ("**Exercise", "<strong>Exercise"),
                              ("<details>", "<details>")):
        assert markdown.count(written) == html_page.count(rendered), (
            f"lectures/{name}.html shows {html_page.count(rendered)} of the "
            f"{markdown.count(written)} {written!r} of the lecture")


@pytest.mark.parametrize("name", LECTURES)
def test_lecture_pictures_carry_their_alt_text(built_book, name):
    """Each stored picture's <img> has the alt text of its cell
    (metadata.alt, copied by book/build.py for MyST-NB)."""
    nb = nbformat.read(REPO / "course" / f"{name}.ipynb", as_version=4)
    want = [html.escape(str(cell.metadata.get("alt", "")).strip())
            for cell in nb.cells if cell.cell_type == "code"
            for out in cell.outputs if "image/png" in out.get("data", {})]
    images = re.findall(r"<img [^>]*src=\"[^\"]*_images/[^>]*>",
                        page(f"lectures/{name}.html"))
    alts = [re.search(r'\balt="([^"]*)"', img) for img in images]
    shown = [html.escape(html.unescape(m.group(1))) if m else ""
             for m in alts]
    assert all(want), f"course/{name}.ipynb: a picture without metadata.alt"
    assert shown == want, (
        f"lectures/{name}.html: the pictures' alt texts {shown[:2]}... "
        f"differ from the cells' metadata.alt {want[:2]}...")


@pytest.mark.parametrize("name", LECTURES)
def test_widgets_are_pictures_with_a_note(built_book, name):
    nb = nbformat.read(REPO / "course" / f"{name}.ipynb", as_version=4)
    widgets = sum(any(WIDGET_VIEW in out.get("data", {})
                      for out in cell.outputs)
                  for cell in nb.cells if cell.cell_type == "code")
    shown = text_of(page(f"lectures/{name}.html"))
    assert shown.count("This figure is interactive in JupyterLab") == widgets
    for placeholder in ("interactive(children", "VBox(children", "Output()"):
        assert placeholder not in shown, (
            f"lectures/{name}.html shows the widget placeholder {placeholder}")


@pytest.mark.parametrize("name", SOLUTIONS)
def test_solution_page_has_no_hidden_tests(built_book, name):
    source = (REPO / "source" / name / f"{name}.ipynb").read_text()
    nb = nbformat.reads(source, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    hidden = [line.strip() for cell in cells for block in HIDDEN.findall(cell)
              for line in block.splitlines() if len(line.strip()) > 25]
    visible = [line.strip() for cell in cells
               for line in HIDDEN.sub("", cell).splitlines()
               if len(line.strip()) > 25 and "###" not in line]
    shown = text_of(page(f"solutions/{name}.html"))
    assert hidden and visible, f"{name}: nothing to check the page against"
    # The same search finds the code the page should show...
    assert all(line in shown for line in visible), (
        f"solutions/{name}.html lacks a line of the solution: "
        f"{next(line for line in visible if line not in shown)!r}")
    # ...and not the hidden tests or nbgrader's markers.
    leaked = [line for line in hidden if line in shown and line not in visible]
    assert not leaked, (f"solutions/{name}.html shows hidden tests: "
                        f"{leaked[:3]}")
    assert "BEGIN HIDDEN TESTS" not in shown and "BEGIN SOLUTION" not in shown


@pytest.mark.parametrize("name", SOLUTIONS)
def test_solution_page_speaks_to_a_reader_not_a_student(built_book, name):
    """The assignment's instructions (write code where it says YOUR CODE
    HERE, press Validate, before you submit) give way to a note for the
    reader of a worked solution."""
    source = (REPO / "source" / name / f"{name}.ipynb").read_text()
    assert "YOUR CODE HERE" in source and "Validate" in source
    shown = text_of(page(f"solutions/{name}.html"))
    left = [words for words in INSTRUCTIONS if words in shown]
    assert not left, f"solutions/{name}.html still tells students {left}"
    assert "How to read it." in shown


@pytest.mark.parametrize("name", SOLUTIONS)
def test_links_to_lecture_sections_resolve(built_book, name):
    """The assignment's links to lecture sections (written for JupyterLab,
    ../../course/NAME.ipynb#ANCHOR, see tests/test_teaching.py) are links
    to the book's lecture pages, each to an element that is there."""
    nb = nbformat.read(REPO / "source" / name / f"{name}.ipynb",
                       as_version=4)
    written = [m for cell in nb.cells if cell.cell_type == "markdown"
               for m in BUILD.LECTURE_LINK.finditer(cell.source)
               if m["anchor"]]
    html_page = page(f"solutions/{name}.html")
    links = SECTION_LINK.findall(html_page)
    assert len(links) == len(written), (
        f"solutions/{name}.html has {len(links)} links to lecture sections, "
        f"its assignment {len(written)}")
    for lecture, anchor in links:
        target = SITE / "lectures" / f"{lecture}.html"
        assert target.exists(), f"solutions/{name}.html links {target}"
        assert f'id="{html.unescape(anchor)}"' in html.unescape(
            target.read_text(encoding="utf-8")), (
            f"solutions/{name}.html links lectures/{lecture}.html#{anchor}, "
            "which has no element with that id")
    assert "course/" not in " ".join(re.findall(r'href="([^"]*)"',
                                                html_page))


@pytest.mark.parametrize("name", SOLUTIONS)
def test_lecture_and_solution_link_each_other(built_book, name):
    assert f'href="../solutions/{name}.html"' in page(f"lectures/{name}.html")
    assert f'href="../lectures/{name}.html' in page(f"solutions/{name}.html")
    assert f'href="solutions/{name}.html"' in page("intro.html")


def test_pages_load_nothing_from_the_network(built_book):
    pages = sorted(SITE.rglob("*.html"))
    assert len(pages) > len(LECTURES) + len(SOLUTIONS)
    loads = {str(p.relative_to(SITE)): [m.group(0) for m in
                                        LOADS.finditer(p.read_text())]
             for p in pages}
    remote = {p: found for p, found in loads.items() if found}
    assert not remote, f"pages load from the network: {remote}"
    # The same pattern does catch a remote script:
    assert LOADS.search('<script src="https://cdn.example/x.js"></script>')


def test_every_page_links_the_favicon(built_book):
    for path in book_pages():
        links = ICON_LINK.findall(path.read_text())
        assert links, f"{path.relative_to(SITE)} links no favicon"
        icon = (path.parent / links[0]).resolve()
        assert icon.is_file() and icon.stat().st_size > 100, (
            f"{path.relative_to(SITE)} links a missing favicon {links[0]}")
    assert (SITE / "favicon.ico").read_bytes().startswith(ICO_MAGIC), (
        "no favicon.ico at the site's root, where browsers look for one")


def test_first_visit_has_a_valid_colour_mode(built_book):
    """The theme's script sets the page's colour mode from this on a first
    visit, and logs an error for anything but light, dark or auto."""
    for path in book_pages():
        mode = re.search(r"<body data-default-mode=\"([^\"]*)\"",
                         path.read_text())
        assert mode and mode.group(1) in ("light", "dark", "auto"), (
            f"{path.relative_to(SITE)}: default colour mode "
            f"{mode and mode.group(1)!r}")


@pytest.fixture(scope="session")
def served_book(built_book):
    """Serve _build/html on a free loopback port for the browser."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(SITE))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_favicon_is_served(served_book):
    """/favicon.ico, where browsers look for an icon by themselves."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with direct.open(served_book + "favicon.ico", timeout=30) as response:
        assert response.status == 200
        assert response.read().startswith(ICO_MAGIC)


def test_book_in_a_browser(served_book):
    """Every page loads its pictures, formulas and favicon, logs no error
    on a first visit and shows one search box, which finds terms."""
    browser.require_browser()
    pages = [f"lectures/{n}.html" for n in LECTURES] + [
        f"solutions/{n}.html" for n in SOLUTIONS]
    report = browser.run_script("book.mjs", served_book, browser.ARTIFACTS,
                                "backpropagation", *pages)
    assert report["index"] == served_book + "intro.html", (
        f"the site's address led to {report['index']}, not the front page")
    assert not report["offline"], (
        f"pages asked the network for {report['offline']}")
    assert not report["failed"], f"requests failed: {report['failed']}"
    assert not report["errors"], f"scripts failed: {report['errors']}"
    assert not report["consoleErrors"], (
        f"scripts logged errors: {report['consoleErrors']}")
    icons = report["icons"]
    assert served_book + "favicon.ico" in icons
    for url, icon in icons.items():
        assert icon["status"] == 200 and icon["type"].startswith("image/"), (
            f"favicon {url}: {icon}")
    assert report["narrow"]["searchBoxes"] == 1, (
        f"on a phone, {report['narrow']['path']} shows "
        f"{report['narrow']['searchBoxes']} search boxes")
    for path in pages:
        seen = report["pages"][path]
        broken = [img["src"] for img in seen["images"] if not img["width"]]
        assert not broken, f"{path}: pictures that did not load: {broken}"
        assert len(seen["images"]) >= len(pictures_on(page(path))), path
        if 'class="math' in page(path):
            assert seen["formulas"] > 0, f"{path}: MathJax typeset nothing"
        assert not seen["unrendered"], f"{path} shows raw TeX delimiters"
        assert seen["searchBoxes"] == 1, (
            f"{path} shows {seen['searchBoxes']} search boxes")
        assert seen["icon"] in icons, f"{path} links no favicon"
        shot = "book-" + path.removesuffix(".html").replace("/", "-") + ".png"
        assert (browser.ARTIFACTS / shot).stat().st_size > 10_000, (
            f"no screenshot of {path}")
    hits = report["search"]["hits"]
    assert "lectures/03_backprop.html" in hits, f"search found {hits}"

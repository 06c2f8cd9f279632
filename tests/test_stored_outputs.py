"""The lectures' stored outputs read as the lesson, on any machine.

course/ is stored executed (make lectures): its outputs are what a reader
sees on a code host and in the web book, before running anything. They must
not record the machine that stored them: how long a cell took, what a cache
already held, that the network was down and the error it gave, warnings and
tracebacks, its folders and host name, or where an object sat in memory. A
reader's own run would print none of these the same way.
"""
import re
import socket
from pathlib import Path

import nbformat
import pytest

from coursetools.course import REPO

LECTURES = sorted((REPO / "course").glob("*.ipynb"))
TEXT_KINDS = ("text/plain", "text/html", "text/markdown", "text/latex")


def host_names():
    """This machine's names, when specific enough to search for."""
    names = {socket.gethostname(), socket.getfqdn()}
    return sorted(n for n in names if len(n) >= 4 and n != "localhost")


def alternatives(*patterns):
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# What a stored output must not contain, by what it would reveal.
MACHINE_SPECIFIC = {
    "a wall-clock time": alternatives(
        r"\b\d+(?:\.\d+)?\s?(?:s|secs?|seconds)\b", r"\bseconds\b",
        r"\bWall time\b", r"\bCPU times\b", r"\belapsed\b"),
    "a cache count": alternatives(r"\bcache[ds]?\b", r"\[Memory\]"),
    "a network error": alternatives(
        r"\bErrno\b", r"[Nn]ame or service not known",
        r"[Tt]emporary failure in name resolution", r"getaddrinfo",
        r"[Cc]onnection (?:refused|reset|aborted)", r"\btimed out\b",
        r"urlopen error", r"HTTP Error \d+", r"Max retries exceeded"),
    "a warning": alternatives(r"\b[A-Z]\w*Warning\b", r"\bwarnings\.warn"),
    "a traceback": alternatives(r"Traceback \(most recent call last\)",
                                r"\x1b\[", r"-{20,}\n.*Error"),
    "an absolute path": alternatives(
        r"(?<![\w.~])/(?:home|root|tmp|usr|opt|var|mnt|srv|work|Users"
        r"|private)/", r"\b[A-Za-z]:\\", re.escape(str(REPO)),
        re.escape(str(Path.home())) + "/"),
    "a host name": alternatives(
        r"\blocalhost\b", r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
        *(rf"\b{re.escape(name)}\b" for name in host_names())),
    "a memory address": alternatives(r"\bat 0x[0-9a-fA-F]{6,}"),
}


def output_texts(output):
    """The text a reader sees in one stored output (no pictures)."""
    if output.output_type == "stream":
        return [output.text]
    if output.output_type == "error":
        return [f"{output.ename}: {output.evalue}",
                "\n".join(output.traceback)]
    data = output.get("data", {})
    return [data[kind] for kind in TEXT_KINDS if kind in data]


def machine_specific(text):
    """[(what it reveals, the line that reveals it)] for ``text``."""
    found = []
    for what, pattern in MACHINE_SPECIFIC.items():
        for match in pattern.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            found.append((what, text[start:None if end < 0 else end]))
    return found


def findings(nb):
    """[(cell index, what it reveals, line)] over the stored outputs."""
    return [(i, what, line)
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for output in cell.outputs for text in output_texts(output)
            for what, line in machine_specific(text)]


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.name)
def test_stored_outputs_say_nothing_about_the_machine(path):
    nb = nbformat.read(path, as_version=4)
    found = findings(nb)
    assert not found, (
        f"course/{path.name} stores outputs that describe the machine that "
        "ran it, not the lesson:\n" + "\n".join(
            f"  cell {i}, {what}: {line.strip()[:100]!r}"
            for i, what, line in found))


# Outputs the lectures once stored, each of a kind the test must catch.
CAUGHT = {
    "a network error": "ISOLET is not available here (cannot reach "
                       "www.openml.org ([Errno -2] Name or service not "
                       "known)),",
    "a wall-clock time": "(gave up or succeeded after 0.4 s)",
    "a cache count": "lr × hidden: 16 runs, 0 computed, 16 from the cache",
    "a memory address": "<threadpoolctl.threadpool_limits at "
                        "0x7fc4bfd36290>",
    "a traceback": "Traceback (most recent call last):\n  File ...",
    "a warning": "ConvergenceWarning: Stochastic Optimizer: Maximum "
                 "iterations (10) reached",
    "an absolute path": "saved to /home/lecturer/nncourse/figure.png",
    "a host name": "connected to 10.0.0.12:8786",
}
# Lesson outputs that look a little like them and must pass.
LESSON = [
    "shortest gap that gives a second spike: 12.5 ms",
    "splitting error at dt = 0.01 ms: 1.0 µs; Euler: 15.3 µs",
    "spikes in 100 ms for I = 10, 5, 0 µA/cm²: [7, 1, 0]",
    "lbfgs   300   2.18e-04   45 it.",
    "memory in float32       4·n²  = 1.15 TB",
    "final loss 0.000159 (noise level 0.5·0.02² = 0.0002)",
]


@pytest.mark.parametrize("what", CAUGHT)
def test_the_check_catches_each_kind(what):
    assert what in [found for found, _ in machine_specific(CAUGHT[what])]


@pytest.mark.parametrize("line", LESSON)
def test_the_check_passes_lesson_outputs(line):
    assert machine_specific(line) == []

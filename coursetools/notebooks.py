"""Execute a notebook the way a reader does, and store lectures executed.

:func:`run_notebook` is used by the tests, the web book and ``make
lectures``; :func:`store_executed` is what ``make lectures`` does to each
lecture.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from queue import Empty

import nbformat
from nbclient import NotebookClient

from coursetools.course import REPO
from coursetools.locks import exclusive

WAKE_UP = 1.0    # seconds: longest wait on a kernel channel before re-polling
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
KEPT_METADATA = ("kernelspec", "language_info")
# Executed solutions, kept for the web book and the tests (run_cached).
EXECUTED = REPO / "_build" / "executed"


def run_notebook(path: Path | str, allow_errors: bool = False,
                 timeout: int = 300):
    """Execute ``path`` top to bottom on a fresh kernel started in its folder.

    ``timeout`` is nbclient's limit per cell, in seconds. Unless
    ``allow_errors``, the first failing cell raises nbclient's
    ``CellExecutionError``. Returns the executed notebook (not written back
    to ``path``) and the wall-clock seconds the execution took.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            allow_errors=allow_errors,
                            resources={"metadata": {"path": str(path.parent)}})
    client.on_notebook_start = lambda notebook: poll_in_slices(client.kc)
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def run_cached(path: Path | str, cache: Path | str = EXECUTED,
               timeout: int = 300):
    """:func:`run_notebook` of ``path``, once: the executed notebook is kept
    in the folder ``cache`` under a key of the notebook's content and the
    course package's code, so that the book and the tests, which both need
    the solutions executed, execute each only once. Returns (notebook,
    seconds of the execution that made it)."""
    path, cache = Path(path), Path(cache)
    stored = cache / f"{path.stem}-{content_key(path)}.ipynb"
    with exclusive(stored.with_suffix(".lock")):   # one process runs it
        if stored.exists():
            nb = nbformat.read(stored, as_version=4)
            return nb, nb.metadata["nncourse"]["seconds"]
        nb, seconds = run_notebook(path, timeout=timeout)
        nb.metadata["nncourse"] = {"seconds": seconds, "source": str(path)}
        partial = stored.with_suffix(f".{os.getpid()}.partial")
        nbformat.write(nb, partial)
        partial.replace(stored)
        return nb, seconds


def content_key(path: Path) -> str:
    """A hash of the notebook and of every module of the course package it
    may import."""
    digest = hashlib.sha256(path.read_bytes())
    package = Path(__file__).resolve().parents[1] / "nncourse"
    for module in sorted(package.rglob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def poll_in_slices(kernel_client) -> None:
    """Make the shell and IOPub channels re-check for messages every WAKE_UP s.

    Now and then (more often with two notebooks at once, right after a cell
    that displays widgets) zmq.asyncio misses the wake-up for a message that
    has arrived, and nbclient sits idle until its per-cell timeout runs out
    and then finds the reply waiting: seen as a stall of exactly ``timeout``
    seconds between two cells (jupyter/nbclient#312). Waiting in short slices
    bounds such a stall by WAKE_UP and keeps the same overall timeout.
    """
    for channel in (kernel_client.shell_channel, kernel_client.iopub_channel):
        channel.get_msg = sliced(channel.get_msg)


def sliced(get_msg):
    """``get_msg(timeout)`` that polls at most WAKE_UP seconds at a time."""
    async def get_msg_in_slices(timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = WAKE_UP if deadline is None else deadline - time.monotonic()
            try:
                return await get_msg(timeout=max(0.0, min(WAKE_UP, left)))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise
    return get_msg_in_slices


def clean(nb) -> None:
    """Drop what changes on every run without changing the lesson: the
    notebook's saved widget state and nbclient's per-cell timing."""
    nb.metadata = {k: v for k, v in nb.metadata.items()
                   if k in KEPT_METADATA}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def store_executed(path: Path | str, timeout: int = 600) -> None:
    """Execute a lecture top to bottom on a fresh kernel and store it clean.

    Outputs and sequential execution counts are kept, so a re-run changes
    the file only where an output changed. What an interactive cell drew is
    kept as a snapshot (see :func:`add_widget_snapshots`).
    """
    nb, _ = run_notebook(path, timeout=timeout)
    add_widget_snapshots(nb)
    clean(nb)
    nbformat.write(nb, path)


def is_widget_snapshot(output) -> bool:
    return bool(output.get("metadata", {}).get("nncourse", {})
                .get("widget_snapshot"))


def add_widget_snapshots(nb) -> None:
    """After each widget, store the pictures its output areas drew.

    A widget lives in the kernel, so a stored notebook (on GitHub, in the web
    book, in JupyterLab before running) can show only a placeholder for it.
    nbclient records what the widgets' Output areas displayed in the
    notebook's widget state; each picture found there is added to its cell
    as an ordinary output marked ``{"nncourse": {"widget_snapshot": true}}``.
    Running the cell replaces it with the live widget.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get(
        "state", {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        views = [out.data[WIDGET_VIEW]["model_id"] for out in cell.outputs
                 if WIDGET_VIEW in out.get("data", {})]
        pictures = [out for view in views for out in drawn_by(view, state)
                    if "image/png" in out.get("data", {})]
        cell.outputs.extend(
            nbformat.v4.new_output(
                "display_data", data=dict(out["data"]),
                metadata={"nncourse": {"widget_snapshot": True}})
            for out in pictures)


def drawn_by(model_id: str, state: dict) -> list:
    """Outputs of the Output widgets in the widget tree under ``model_id``."""
    model = state.get(model_id)
    if model is None:
        return []
    drawn = list(model["state"].get("outputs", []))
    for child in model["state"].get("children", []):
        drawn += drawn_by(child.removeprefix("IPY_MODEL_"), state)
    return drawn

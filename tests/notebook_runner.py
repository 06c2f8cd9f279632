"""Execute one notebook the way a reader, nbgrader and `make lectures` do."""
import time
from pathlib import Path
from queue import Empty

import nbformat
from nbclient import NotebookClient

WAKE_UP = 1.0    # seconds: longest wait on a kernel channel before re-polling


def run_notebook(path, allow_errors=False, timeout=300):
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


def poll_in_slices(kernel_client):
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

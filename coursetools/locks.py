"""File locks, so that processes of one machine share work instead of
repeating it (``pytest -n 2`` runs two processes of tests)."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def exclusive(path: Path | str) -> Iterator[None]:
    """Hold the lock file ``path`` for the block; wait for it if another
    process holds it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def claim(folder: Path | str, limit: int = 1000) -> tuple[int, IO]:
    """The smallest number ``n`` whose lock ``folder/n.lock`` no other
    process holds, and the open file that holds it (close it to let go)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(limit):
        handle = open(folder / f"{n}.lock", "a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        os.set_inheritable(handle.fileno(), False)
        return n, handle
    raise RuntimeError(f"all {limit} locks in {folder} are taken")

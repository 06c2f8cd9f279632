"""Stage a student's submission so that nbgrader can grade it.

nbgrader 0.9.6 stops a whole autograde run on a duplicated test cell, crashes
when a solution cell is deleted together with its test, and rejects damaged
cell metadata. Staging copies a submission into a scratch course and repairs
each notebook against the released one, where that is safe:

- a graded cell whose nbgrader metadata was edited gets the released metadata
  back (nbgrader restores the source of locked cells itself);
- a second copy of a graded cell, or a cell with unknown or unreadable
  nbgrader metadata, becomes an ordinary cell: its code still runs, it is
  simply not graded twice;
- a deleted graded or locked cell is put back where the release had it, so a
  deleted solution scores as unanswered and a deleted test still runs.

Where nothing can be run (no notebook, a file that is not a notebook, a
submission over the course's size limit) the blank release is graded in its
place, which scores 0, and the reason is noted at its top and in the report.
Every repair is noted too: the instructor sees them in the summary table.
"""
from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import nbformat

NOTE_TAG = "coursegrader-note"


def grade_id(cell) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*")
               if p.is_file() and not p.is_symlink())


def links_left_out(notes: list[str]):
    """An ignore function for shutil.copytree that leaves out symbolic
    links and notes each one."""
    def ignore(folder: str, names: list[str]) -> list[str]:
        links = [n for n in names if os.path.islink(os.path.join(folder, n))]
        notes.extend(f"ignored {n}: a symbolic link" for n in links)
        return links
    return ignore


def stage(submitted: Path, staged: Path, release: dict,
          max_bytes: int) -> list[str]:
    """Copy the submission folder ``submitted`` to ``staged``, repaired.

    ``release`` maps each notebook file name of the assignment to its
    released NotebookNode. Returns the list of notes (empty if the
    submission needed nothing).
    """
    submitted, staged = Path(submitted), Path(staged)
    if staged.exists():
        shutil.rmtree(staged)
    staged.mkdir(parents=True)
    if submitted.is_symlink():                # someone else's folder
        note = "the submission folder is a symbolic link: nothing was run"
        for name, nb in release.items():
            write_blank(nb, staged / name, note)
        return [note]
    size = folder_bytes(submitted)
    if size > max_bytes:
        note = (f"the submission is {size / 1e6:.1f} MB, over the course's "
                f"limit of {max_bytes / 1e6:.1f} MB: nothing was run")
        for name, nb in release.items():
            write_blank(nb, staged / name, note)
        return [note]

    notes: list[str] = []
    # A symbolic link is never followed: the grader (root, in the course
    # folder) would copy whatever it points to, the gradebook, source/ or
    # a classmate's notebook, into the student's submission, or all of /.
    for path in sorted(submitted.iterdir()):
        if path.is_symlink():
            if path.name not in release:      # (a linked notebook: below)
                notes.append(f"ignored {path.name}: a symbolic link")
        elif path.suffix == ".ipynb" and path.name not in release:
            notes.append(f"ignored {path.name}: not a notebook of this "
                         "assignment")
        elif path.is_file() and path.suffix != ".ipynb":
            shutil.copy2(path, staged / path.name)
        elif path.is_dir() and not path.name.startswith("."):
            shutil.copytree(path, staged / path.name,
                            ignore=links_left_out(notes))
    for name, released in release.items():
        notes += stage_notebook(submitted / name, staged / name, released)
    return notes


def stage_notebook(path: Path, target: Path, released) -> list[str]:
    """Write ``path`` repaired against ``released`` to ``target``; return
    notes."""
    if not path.exists() or path.is_symlink():
        what = "a symbolic link" if path.is_symlink() else "missing"
        note = f"{path.name} is {what}: graded as the blank release"
        write_blank(released, target, note)
        return [note]
    try:
        nb = nbformat.read(path, as_version=4)
        notes = repair(nb, released)
        nbformat.write(nb, target)
    except Exception as error:  # any damage nbformat cannot read or write
        note = (f"{path.name} is not a readable notebook "
                f"({type(error).__name__}): graded as the blank release")
        write_blank(released, target, note)
        return [note]
    return [f"{path.name}: {note}" for note in notes]


def write_blank(released, target: Path, note: str) -> None:
    """The blank release, with ``note`` in a markdown cell at its top."""
    nb = copy.deepcopy(released)
    cell = nbformat.v4.new_markdown_cell(
        f"**This submission could not be graded as handed in:** {note}.")
    cell.metadata["tags"] = [NOTE_TAG]
    nb.cells.insert(0, cell)
    nbformat.write(nb, target)


def repair(nb, released) -> list[str]:
    """Repair ``nb`` in place against the ``released`` notebook; return
    notes."""
    wanted = {grade_id(c): c for c in released.cells if grade_id(c)}
    notes, seen, cells = [], set(), []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        gid = grade_id(cell)
        if meta is None:
            cells.append(cell)
        elif gid not in wanted or gid in seen:
            what = (f"a second copy of cell {gid!r}" if gid in seen else
                    f"a cell with damaged nbgrader metadata ({gid!r})")
            notes.append(f"{what} left ungraded")
            cells.append(ordinary(cell))
        else:
            seen.add(gid)
            fixed = restored(cell, wanted[gid])
            if fixed is not cell:
                notes.append(f"restored the nbgrader metadata of {gid!r}")
            cells.append(fixed)
    nb.cells = with_missing(cells, released.cells, seen, notes)
    nb.metadata.pop("nbgrader", None)
    return notes


def ordinary(cell):
    """``cell`` without nbgrader metadata: it runs but is not graded."""
    cell = copy.deepcopy(cell)
    cell.metadata.pop("nbgrader", None)
    return cell


def restored(cell, released_cell):
    """``cell`` with the released cell type and nbgrader metadata."""
    wanted = released_cell.metadata["nbgrader"]
    if (cell.cell_type == released_cell.cell_type
            and cell.metadata.get("nbgrader") == wanted):
        return cell
    new = {"code": nbformat.v4.new_code_cell,
           "markdown": nbformat.v4.new_markdown_cell}.get(
        released_cell.cell_type, nbformat.v4.new_raw_cell)(cell.source)
    new.metadata = copy.deepcopy(cell.metadata)
    new.metadata["nbgrader"] = copy.deepcopy(wanted)
    return new


def with_missing(cells: list, released_cells: list, present: set,
                 notes: list[str]) -> list:
    """``cells`` with every graded cell not in ``present`` put back after
    the released cell that preceded it."""
    cells = list(cells)
    position = {grade_id(c): i for i, c in enumerate(cells) if grade_id(c)}
    after = -1          # index in ``cells`` of the last released cell seen
    for released_cell in released_cells:
        gid = grade_id(released_cell)
        if not gid:
            continue
        if gid in present:
            after = position[gid]
            continue
        cells.insert(after + 1, copy.deepcopy(released_cell))
        notes.append(f"put back the deleted cell {gid!r}")
        after += 1
        position = {grade_id(c): i for i, c in enumerate(cells) if grade_id(c)}
    return cells

"""Move rows between nbgrader gradebooks: the course's and a worker's.

A worker grades in a scratch SQLite gradebook that holds a copy of the
assignment (:func:`copy_assignment`). Its result is merged into the course's
gradebook — SQLite or PostgreSQL, whatever ``db_url`` says — in one
transaction that replaces the student's previous submission
(:func:`merge_submission`). nbgrader keys every row by a random UUID, so rows
copied this way never collide, and the copy is exact: every column of
nbgrader's own tables, whatever its version adds.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from nbgrader.api import Base, Gradebook

TABLES = Base.metadata.tables


@contextmanager
def engine(url: str):
    db = sa.create_engine(url)
    try:
        yield db
    finally:
        db.dispose()


def rows(conn, table: str, *where) -> list[dict]:
    return [dict(r) for r in conn.execute(
        sa.select(TABLES[table]).where(*where)).mappings()]


def insert(conn, table: str, records: list[dict]) -> None:
    if records:
        conn.execute(TABLES[table].insert(), records)


def ids(records: list[dict]) -> list:
    return [r["id"] for r in records]


def assignment_row(conn, assignment: str) -> dict:
    found = rows(conn, "assignment", TABLES["assignment"].c.name == assignment)
    if not found:
        raise ValueError(f"assignment {assignment!r} is not in the "
                         "gradebook: run `make release` (nbgrader "
                         "generate_assignment) first")
    return found[0]


def check_released(url: str, assignments: list[str]) -> None:
    """Raise ValueError, saying what to run, unless the gradebook at ``url``
    holds every assignment of ``assignments`` (``make release`` puts them
    there)."""
    names: set = set()
    sqlite_file = url.removeprefix("sqlite:///")
    if sqlite_file == url or Path(sqlite_file).exists():
        try:
            with engine(url) as db, db.connect() as conn:
                names = {r["name"] for r in rows(conn, "assignment")}
        except sa.exc.SQLAlchemyError:
            pass                        # an empty file: nothing released
    missing = [a for a in assignments if a not in names]
    if missing:
        raise ValueError(f"{', '.join(missing)} is not in the gradebook "
                         f"({url}): run `make release` (nbgrader "
                         "generate_assignment) before grading")


def copy_assignment(source_url: str, target_url: str,
                    assignment: str) -> None:
    """Copy ``assignment`` and everything that defines it (notebooks, cells
    with their points, checksums and sources) from one gradebook to another
    that does not have it yet."""
    Gradebook(target_url).close()      # creates nbgrader's schema
    t = TABLES
    with engine(source_url) as src, engine(target_url) as dst, \
            src.connect() as s, dst.begin() as d:
        found = assignment_row(s, assignment)
        notebooks = rows(s, "notebook",
                         t["notebook"].c.assignment_id == found["id"])
        cells = rows(s, "base_cell",
                     t["base_cell"].c.notebook_id.in_(ids(notebooks)))
        course = t["course"].c.id == found["course_id"]
        if not rows(d, "course", course):
            insert(d, "course", rows(s, "course", course))
        insert(d, "assignment", [found])
        insert(d, "notebook", notebooks)
        insert(d, "base_cell", cells)
        for kind in ("grade_cells", "solution_cells", "task_cells"):
            insert(d, kind, rows(s, kind, t[kind].c.id.in_(ids(cells))))
        insert(d, "source_cell", rows(
            s, "source_cell",
            t["source_cell"].c.notebook_id.in_(ids(notebooks))))


def submission_rows(conn, assignment_id: str, student: str) -> dict:
    """{table: rows} of one student's submission of one assignment."""
    t = TABLES
    subs = rows(conn, "submitted_assignment",
                t["submitted_assignment"].c.assignment_id == assignment_id,
                t["submitted_assignment"].c.student_id == student)
    notebooks = rows(conn, "submitted_notebook",
                     t["submitted_notebook"].c.assignment_id.in_(ids(subs)))
    return {
        "submitted_assignment": subs,
        "submitted_notebook": notebooks,
        "grade": rows(conn, "grade",
                      t["grade"].c.notebook_id.in_(ids(notebooks))),
        "comment": rows(conn, "comment",
                        t["comment"].c.notebook_id.in_(ids(notebooks))),
    }


def delete(conn, found: dict) -> None:
    """Delete the rows of :func:`submission_rows`, children first."""
    for table in ("grade", "comment", "submitted_notebook",
                  "submitted_assignment"):
        if found[table]:
            conn.execute(TABLES[table].delete().where(
                TABLES[table].c.id.in_(ids(found[table]))))


def merge_submission(source_url: str, target_url: str, assignment: str,
                     student: str) -> None:
    """Replace ``student``'s submission of ``assignment`` in the target
    gradebook by the one the grader computed in the source gradebook,
    atomically.

    Only what autograding computes is taken — which cells scored how many
    of their points, the automatic comments, the late penalty — and only
    for the assignment's own cells; manual scores, extra credit and flags
    start empty, whatever the source holds, and an extension the course
    granted is kept.
    """
    t = TABLES
    with engine(source_url) as src, engine(target_url) as dst, \
            src.connect() as s, dst.begin() as d:
        target_assignment = assignment_row(d, assignment)
        new = submission_rows(s, assignment_row(s, assignment)["id"], student)
        if len(new["submitted_assignment"]) != 1:
            raise LookupError(f"no graded submission of {student} in "
                              f"{source_url}")
        old = submission_rows(d, target_assignment["id"], student)
        if not rows(d, "student", t["student"].c.id == student):
            insert(d, "student", [{"id": student}])
        delete(d, old)
        extension = (old["submitted_assignment"][0]["extension"]
                     if old["submitted_assignment"] else None)
        for table, records in trusted_rows(d, new, target_assignment,
                                           student, extension).items():
            insert(d, table, records)


def trusted_rows(conn, new: dict, assignment: dict, student: str,
                 extension) -> dict:
    """The rows of a graded submission reduced to what autograding
    computes, checked against the course's own assignment: scores within
    each cell's points, cells of this assignment only."""
    t = TABLES
    notebooks = {r["id"] for r in rows(
        conn, "notebook", t["notebook"].c.assignment_id == assignment["id"])}
    cells = rows(conn, "base_cell",
                 t["base_cell"].c.notebook_id.in_(notebooks))
    points = {r["id"]: r["max_score"] for r in rows(
        conn, "grade_cells", t["grade_cells"].c.id.in_(ids(cells)))}
    cell_ids = set(ids(cells))
    sub, = new["submitted_assignment"]
    kept = {"submitted_assignment": [{
        "id": sub["id"], "assignment_id": assignment["id"],
        "student_id": student, "timestamp": sub["timestamp"],
        "extension": extension}]}
    kept["submitted_notebook"] = [{
        "id": r["id"], "assignment_id": sub["id"],
        "notebook_id": checked(r["notebook_id"], notebooks, "notebook"),
        "flagged": False,
        "late_submission_penalty": r["late_submission_penalty"]}
        for r in new["submitted_notebook"]]
    kept["grade"] = [{
        "id": r["id"], "notebook_id": r["notebook_id"],
        "cell_id": checked(r["cell_id"], points, "graded cell"),
        "auto_score": score_within(r["auto_score"], points[r["cell_id"]]),
        "manual_score": None, "extra_credit": None,
        "needs_manual_grade": bool(r["needs_manual_grade"])}
        for r in new["grade"]]
    kept["comment"] = [{
        "id": r["id"], "notebook_id": r["notebook_id"],
        "cell_id": checked(r["cell_id"], cell_ids, "cell"),
        "auto_comment": r["auto_comment"], "manual_comment": None}
        for r in new["comment"]]
    return kept


def checked(value, allowed, what: str):
    if value not in allowed:
        raise ValueError(f"a graded {what} that is not the assignment's: "
                         f"{value!r}")
    return value


def score_within(score, points):
    """An automatic score, which must lie between 0 and the cell's points."""
    if score is not None and not 0 <= float(score) <= float(points):
        raise ValueError(f"an automatic score of {score} for a cell worth "
                         f"{points}")
    return score


def scores(url: str, assignment: str,
           student: str) -> tuple[float, float, dict]:
    """(score, max_score, {grade_id: (score, max)}) of one submission."""
    with Gradebook(url) as gb:
        sub = gb.find_submission(assignment, student)
        cells = {g.name: (g.score, g.max_score)
                 for nb in sub.notebooks for g in nb.grades if g.max_score}
        return sub.score, sub.max_score, cells

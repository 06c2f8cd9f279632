"""Move rows between nbgrader gradebooks: the course's and a worker's.

A worker grades in a scratch SQLite gradebook that holds a copy of the
assignment (:func:`copy_assignment`). Its result is merged into the course's
gradebook — SQLite or PostgreSQL, whatever ``db_url`` says — in one
transaction that replaces the student's previous submission
(:func:`merge_submission`). nbgrader keys every row by a random UUID, so rows
copied this way never collide, and the copy is exact: every column of
nbgrader's own tables, whatever its version adds.
"""
from contextlib import contextmanager

import sqlalchemy as sa
from nbgrader.api import Base, Gradebook

TABLES = Base.metadata.tables


@contextmanager
def engine(url):
    db = sa.create_engine(url)
    try:
        yield db
    finally:
        db.dispose()


def rows(conn, table, *where):
    return [dict(r) for r in conn.execute(
        sa.select(TABLES[table]).where(*where)).mappings()]


def insert(conn, table, records):
    if records:
        conn.execute(TABLES[table].insert(), records)


def ids(records):
    return [r["id"] for r in records]


def assignment_row(conn, assignment):
    found = rows(conn, "assignment", TABLES["assignment"].c.name == assignment)
    if not found:
        raise ValueError(f"assignment {assignment!r} is not in the gradebook: "
                         "run `make release` (nbgrader generate_assignment) first")
    return found[0]


def copy_assignment(source_url, target_url, assignment):
    """Copy ``assignment`` and everything that defines it (notebooks, cells
    with their points, checksums and sources) from one gradebook to another
    that does not have it yet."""
    Gradebook(target_url).close()      # creates nbgrader's schema
    t = TABLES
    with engine(source_url) as src, engine(target_url) as dst, \
            src.connect() as s, dst.begin() as d:
        found = assignment_row(s, assignment)
        notebooks = rows(s, "notebook", t["notebook"].c.assignment_id == found["id"])
        cells = rows(s, "base_cell", t["base_cell"].c.notebook_id.in_(ids(notebooks)))
        if not rows(d, "course", t["course"].c.id == found["course_id"]):
            insert(d, "course", rows(s, "course", t["course"].c.id == found["course_id"]))
        insert(d, "assignment", [found])
        insert(d, "notebook", notebooks)
        insert(d, "base_cell", cells)
        for kind in ("grade_cells", "solution_cells", "task_cells"):
            insert(d, kind, rows(s, kind, t[kind].c.id.in_(ids(cells))))
        insert(d, "source_cell", rows(
            s, "source_cell", t["source_cell"].c.notebook_id.in_(ids(notebooks))))


def submission_rows(conn, assignment_id, student):
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
        "grade": rows(conn, "grade", t["grade"].c.notebook_id.in_(ids(notebooks))),
        "comment": rows(conn, "comment",
                        t["comment"].c.notebook_id.in_(ids(notebooks))),
    }


def delete(conn, found):
    """Delete the rows of :func:`submission_rows`, children first."""
    for table in ("grade", "comment", "submitted_notebook", "submitted_assignment"):
        if found[table]:
            conn.execute(TABLES[table].delete().where(
                TABLES[table].c.id.in_(ids(found[table]))))


def merge_submission(source_url, target_url, assignment, student):
    """Replace ``student``'s submission of ``assignment`` in the target
    gradebook by the one in the source gradebook, atomically."""
    t = TABLES
    with engine(source_url) as src, engine(target_url) as dst, \
            src.connect() as s, dst.begin() as d:
        new = submission_rows(s, assignment_row(s, assignment)["id"], student)
        if not new["submitted_assignment"]:
            raise LookupError(f"no graded submission of {student} in {source_url}")
        if not rows(d, "student", t["student"].c.id == student):
            insert(d, "student", rows(s, "student", t["student"].c.id == student))
        delete(d, submission_rows(d, assignment_row(d, assignment)["id"], student))
        for table in ("submitted_assignment", "submitted_notebook", "grade", "comment"):
            insert(d, table, new[table])


def scores(url, assignment, student):
    """(score, max_score, {grade_id: (score, max)}) of one submission."""
    with Gradebook(url) as gb:
        sub = gb.find_submission(assignment, student)
        cells = {g.name: (g.score, g.max_score)
                 for nb in sub.notebooks for g in nb.grades if g.max_score}
        return sub.score, sub.max_score, cells

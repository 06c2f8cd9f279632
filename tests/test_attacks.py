"""Malicious submissions graded through the real grader (make autograde).

Every attack of tests/attacks.py is handed in by a student of its own,
beside honest baselines (the blank release, a wrong notebook, a partly
done one and the reference solution), and the whole class is graded in one
``python -m coursegrader autograde`` run, as ``make autograde`` grades it.
Then, for every attack:

1. it gains nothing: its score is at most (or exactly) that of the same
   work without the attack;
2. no hidden-test line reaches its feedback or the outputs of its graded
   notebook, plainly, base64- or hex-encoded; nor the hidden simulator's
   source, a classmate's work, or what its code printed about the tests;
3. nothing of the course changed: nbgrader_config.py, source/, release/,
   submitted/, classmates' gradebook rows; no new file in the course, and
   no file of the attacks in the machine's /tmp;
4. nothing is left running: no process of its sandbox, of a sandbox user,
   or whose command line mentions the course or a run folder; and no
   listener of the suite (TCP, Unix, abstract Unix) was ever reached.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import html
import json
import os
import re
import socket
import sqlite3
import tempfile
import threading
import time
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
import pytest

from coursetools.course import HIDDEN_TESTS
from tests import attacks as at
from tests import coursekit as ck

pytestmark = pytest.mark.slow     # make test-fast leaves it out

SANDBOX_UIDS = range(61000, 62000)
CLASSMATES = ["classmate-graded-before", "classmate-other-work"]
# Files an attack writes wherever it can: none may appear in the host's
# /tmp (where the sandbox's /tmp would be, were it not private).
ARTEFACTS = {"spilled.txt", "huge.bin", "course-edit.txt", "double-fork.txt",
             "sleeper.txt", "many"}
GRACE = 8           # seconds after grading for late strikes to happen


# ------------------------------------------------------------ the listeners
class Canary(threading.Thread):
    """A listening socket that counts who connects (nobody should)."""

    def __init__(self, family, address, kind=socket.SOCK_STREAM):
        super().__init__(daemon=True)
        self.sock = socket.socket(family, kind)
        if family != socket.AF_UNIX:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(address)
        if family == socket.AF_UNIX and not address.startswith("\0"):
            os.chmod(address, 0o777)      # any user may try
        if kind == socket.SOCK_STREAM:
            self.sock.listen(50)
        self.address = self.sock.getsockname()
        self.hits: list = []
        self.start()

    def run(self):
        while True:
            try:
                if self.sock.type == socket.SOCK_STREAM:
                    conn, _ = self.sock.accept()
                    conn.settimeout(1)
                    try:
                        self.hits.append(conn.recv(100))
                    except OSError:
                        self.hits.append(b"")
                    conn.close()
                else:
                    self.hits.append(self.sock.recv(100))
            except OSError:
                return

    def close(self):
        self.sock.close()
        if isinstance(self.address, str) and self.address:
            Path(self.address).unlink(missing_ok=True)


# ---------------------------------------------------- who ran, and where
class Sampler(threading.Thread):
    """Watches the grader's process tree while it grades: every process and
    the run folders on its command lines."""

    def __init__(self, root: Path):
        super().__init__(daemon=True)
        self.root = str(root)
        self.halt = threading.Event()
        self.seen: dict = {}              # (pid, create_time) -> cmdline
        self.folders: set = set()         # run folders and scratch courses
        self.largest = (0, 0, "")         # entries, bytes of a run folder
        self.start()

    def run(self):
        grader, count = None, 0
        while not self.halt.is_set():
            if grader is None or not grader.is_running():
                grader = self.find_grader()
            if grader is not None:
                try:
                    family = grader.children(recursive=True)
                except psutil.Error:
                    family = []
                for proc in family:
                    self.record(proc)
            count += 1
            if count % 5 == 0:
                self.measure()
            self.halt.wait(0.1)

    def measure(self):
        """What the kernels wrote into their run folders on the host's
        disk (besides the copy of the files handed in, in autograded/)."""
        for folder in [f for f in self.folders if "/nnc-" in f]:
            entries, size = 0, 0
            for top, dirs, files in os.walk(folder):
                if top == folder and "autograded" in dirs:
                    dirs.remove("autograded")
                entries += len(files) + len(dirs)
                for name in files:
                    try:
                        size += os.lstat(os.path.join(top, name)).st_size
                    except OSError:
                        pass
                if entries > 10000:
                    break
            if (entries, size) > self.largest[:2]:
                self.largest = (entries, size, folder)

    def find_grader(self):
        for proc in psutil.process_iter(["cmdline"]):
            line = " ".join(proc.info["cmdline"] or [])
            if "coursegrader" in line and self.root in line:
                return proc
        return None

    def record(self, proc):
        try:
            key = (proc.pid, proc.create_time())
            if key in self.seen:
                return
            line = " ".join(proc.cmdline())
        except psutil.Error:
            return
        self.seen[key] = line
        tmp = re.escape(tempfile.gettempdir())
        self.folders |= set(re.findall(
            tmp + r"/(?:nnc-|coursegrader-)[\w]+", line))

    def stop(self):
        self.halt.set()
        self.join(5)

    def survivors(self, since: float) -> list:
        """Processes still running that belong to the grading watched: seen
        in its process tree while it ran, or started (in a sandbox, however
        detached) under a process whose command line names this course or
        one of its run folders. PID namespaces and sandbox users are no
        proof: another grader may run beside this one (pytest -n 2), and
        both are reused once freed."""
        found = []
        for proc in psutil.process_iter(["cmdline", "uids", "create_time",
                                         "status"]):
            if proc.info["status"] == psutil.STATUS_ZOMBIE:
                continue                  # gone, waiting to be reaped
            try:
                family = [proc, *proc.parents()]
                lines = [" ".join(p.cmdline()) for p in family]
            except psutil.Error:
                continue
            mine = (
                (proc.pid, proc.info["create_time"]) in self.seen
                or any(self.root in line
                       or any(folder in line for folder in self.folders)
                       for line in lines))
            if mine and proc.pid != os.getpid():
                uid = proc.info["uids"].real if proc.info["uids"] else None
                whose = re.findall(r"autograded/[^ ]+", lines[0])
                found.append((proc.pid, uid, whose[:1] or lines[0][:200]))
        return found


# ------------------------------------------------------------- the course
def fill(code: str, canaries: dict, solution: str = "") -> str:
    for key, value in canaries.items():
        code = code.replace(f"@@{key}@@", value)
    return code.replace("@@SOLUTION@@", solution)


def base_answers(assignment: str, base: str) -> dict:
    """{grade_id: code} of a base notebook (a missing cell: the stub)."""
    solution = ck.solution_cells(assignment)
    if base == "solution":
        return dict(solution)
    if base == "wrong":
        cell, old, new = at.WRONG_01
        assert solution[cell].count(old) == 1, "update attacks.WRONG_01"
        return dict(solution, **{cell: solution[cell].replace(old, new)})
    if base == "partial":
        return {gid: solution[gid] for gid in
                ("mcculloch_pitts", "perceptron_train")}
    return {}


def attack_answers(attack: at.Attack, course: Path, canaries: dict) -> dict:
    solution = ck.solution_cells(attack.assignment)
    answers = base_answers(attack.assignment, attack.base)
    for gid, code in attack.cells.items():
        answers[gid] = fill(code, canaries, solution[gid])
    if attack.code:
        first = at.SOLUTION_CELLS[attack.assignment][0]
        code = fill(attack.code, canaries, solution[first])
        if "@@SOLUTION@@" not in attack.code:
            code += "\n" + answers.get(first, stub(course, attack, first))
        answers[first] = code
    return answers


def stub(course, attack, gid):
    nb = ck.student_notebook(course, attack.assignment,
                             f"{attack.assignment}.ipynb", {})
    return next(c.source for c in nb.cells
                if ck.nbgrader_meta(c).get("grade_id") == gid)


def hand_in(course: Path, student: str, assignment: str, answers: dict,
            files: dict | None = None, links: dict | None = None) -> None:
    folder = course / "submitted" / student / assignment
    if "" in (links or {}):                  # the folder itself is a link
        folder.parent.mkdir(parents=True)
        folder.symlink_to(links[""])
        return
    nb = ck.student_notebook(course, assignment, f"{assignment}.ipynb",
                             answers)
    ck.write_submission(course, assignment, ck.Submission(
        student, {f"{assignment}.ipynb": nb}))
    for path, text in (files or {}).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    for path, target in (links or {}).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).unlink(missing_ok=True)
        (folder / path).symlink_to(target)


BASELINES = {  # student: (assignment, base)
    "base-blank": (at.NB01, "blank"),
    "base-wrong": (at.NB01, "wrong"),
    "base-partial": (at.NB01, "partial"),
    "base-solution": (at.NB01, "solution"),
    "base-blank-02": (at.NB02, "blank"),
    "base-solution-02": (at.NB02, "solution"),
}


def baseline_of(attack: at.Attack) -> str:
    return next(s for s, key in BASELINES.items()
                if key == (attack.assignment, attack.base))


def seed_classmates(course: Path) -> None:
    """Two classmates graded earlier: rows in the gradebook that no attack
    may change (their work is not in submitted/, so not graded again)."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb, \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")      # SQLAlchemy on nbgrader's API
        for number, student in enumerate(CLASSMATES):
            gb.add_student(student, first_name="Class", last_name="Mate")
            gb.add_submission(at.NB01, student)
            for nb in gb.find_submission(at.NB01, student).notebooks:
                for grade in nb.grades:
                    grade.auto_score = grade.max_score - number
                    grade.manual_score = None
            gb.db.commit()


def student_rows(course: Path, student: str) -> list:
    """Every gradebook row of ``student``: submissions, notebooks, grades,
    comments."""
    db = sqlite3.connect(course / "gradebook.db")
    try:
        rows = db.execute(
            "SELECT sa.*, sn.*, g.*, c.* FROM submitted_assignment sa "
            "JOIN submitted_notebook sn ON sn.assignment_id = sa.id "
            "LEFT JOIN grade g ON g.notebook_id = sn.id "
            "LEFT JOIN comment c ON c.notebook_id = sn.id AND "
            "c.cell_id = g.cell_id WHERE sa.student_id = ? "
            "ORDER BY g.cell_id", (student,)).fetchall()
        rows += db.execute("SELECT * FROM student WHERE id = ?",
                           (student,)).fetchall()
        return rows
    finally:
        db.close()


def grade_columns(course: Path, student: str) -> list:
    """(manual_score, extra_credit) of each of ``student``'s grades."""
    db = sqlite3.connect(course / "gradebook.db")
    try:
        return db.execute(
            "SELECT g.manual_score, g.extra_credit FROM grade g "
            "JOIN submitted_notebook sn ON g.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "WHERE sa.student_id = ?", (student,)).fetchall()
    finally:
        db.close()


UNCHANGED = ("nbgrader_config.py", "source", "release", "submitted")


def digest(course: Path) -> dict:
    """{path: sha256} of what grading must leave as it is."""
    out = {}
    for top in UNCHANGED:
        paths = [course / top] if (course / top).is_file() else \
            sorted((course / top).rglob("*"))
        for path in paths:
            if path.is_symlink():             # handed in: where it points
                out[str(path.relative_to(course))] = os.readlink(path)
            elif path.is_file():
                out[str(path.relative_to(course))] = hashlib.sha256(
                    path.read_bytes()).hexdigest()
    return out


def course_paths(course: Path) -> set:
    """Every path in the course but what grading writes."""
    grading = ("autograded", "feedback")
    return {str(p.relative_to(course)) for p in course.rglob("*")
            if p.relative_to(course).parts[0] not in grading
            and not p.name.startswith(("autograde_report", "gradebook.db"))}


def tmp_artefacts(since: float) -> list:
    """Files an attack would leave in the host's /tmp (three levels)."""
    found = []
    top = Path(tempfile.gettempdir())
    for depth in ("*", "*/*", "*/*/*"):
        for path in top.glob(depth):
            try:
                info = path.lstat()
            except OSError:
                continue
            if info.st_mtime >= since and (
                    path.name in ARTEFACTS or info.st_uid in SANDBOX_UIDS
                    and not path.name.startswith("nnc-")
                    and not path.parent.name.startswith("nnc-")):
                found.append(str(path))
    return found


# ------------------------------------------------------------- the run
@dataclass
class Graded:
    course: Path
    report: dict
    grades: dict = field(default_factory=dict)     # assignment -> grades
    feedback: dict = field(default_factory=dict)   # student -> html text
    outputs: dict = field(default_factory=dict)    # student -> text
    autograded: dict = field(default_factory=dict)  # student -> file names
    canaries: list = field(default_factory=list)
    survivors: list = field(default_factory=list)
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    rows_before: dict = field(default_factory=dict)
    rows_after: dict = field(default_factory=dict)
    new_paths: set = field(default_factory=set)
    tmp_files: list = field(default_factory=list)
    folders: set = field(default_factory=set)
    largest_run_folder: tuple = (0, 0, "")
    seconds: float = 0.0


def autograded_outputs(course: Path, student: str, assignment: str) -> str:
    """Every output of the graded notebook, as JSON text."""
    path = course / "autograded" / student / assignment / \
        f"{assignment}.ipynb"
    if not path.exists():
        return ""
    nb = nbformat.read(path, as_version=4)
    return json.dumps([c.get("outputs", []) for c in nb.cells])


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    course = ck.make_course(tmp_path_factory.mktemp("attacks"))
    tag = uuid.uuid4().hex[:8]
    tcp = Canary(socket.AF_INET, ("127.0.0.1", 0))
    udp = Canary(socket.AF_INET, ("127.0.0.1", tcp.address[1]),
                 socket.SOCK_DGRAM)
    unix = Canary(socket.AF_UNIX,
                  f"{tempfile.gettempdir()}/nnc-canary-{tag}.sock")
    in_course = Canary(socket.AF_UNIX, str(course / "canary.sock"))
    abstract = Canary(socket.AF_UNIX, f"\0nncourse-canary-{tag}")
    canaries = [tcp, udp, unix, in_course, abstract]
    values = {"PORT": str(tcp.address[1]), "UNIX": unix.address,
              "ABSTRACT": f"nncourse-canary-{tag}", "REPO": str(ck.REPO),
              "ONLY": '("/",)'}

    for student, (assignment, base) in BASELINES.items():
        answers = base_answers(assignment, base)
        if student == "base-solution":       # a classmate's private work
            answers["softmax"] = (f"# {at.CLASSMATE_SECRET}\n"
                                  + answers["softmax"])
        hand_in(course, student, assignment, answers)
    for attack in at.ATTACKS:
        hand_in(course, attack.name, attack.assignment,
                attack_answers(attack, course, values), attack.files,
                attack.links)
    seed_classmates(course)

    result = Graded(course, {})
    result.before = digest(course)
    result.rows_before = {s: student_rows(course, s) for s in CLASSMATES}
    paths_before = course_paths(course)
    start = time.time()
    sampler = Sampler(course)
    try:
        result.report = ck.coursegrade(course)
    finally:
        sampler.stop()
    result.seconds = time.time() - start
    for assignment in (at.NB01, at.NB02):
        ck.nbgrader("generate_feedback", assignment, "--force", cwd=course)
    time.sleep(max(0.0, start + result.seconds + GRACE - time.time()))

    result.survivors = sampler.survivors(start)
    deadline = time.monotonic() + 20          # a sandbox still closing
    while result.survivors and time.monotonic() < deadline:
        time.sleep(1)
        result.survivors = sampler.survivors(start)
    result.folders = sampler.folders
    result.largest_run_folder = sampler.largest
    for canary in canaries:
        canary.close()
    result.canaries = [(c.address, c.hits) for c in canaries]
    result.after = digest(course)
    result.rows_after = {s: student_rows(course, s) for s in CLASSMATES}
    result.new_paths = course_paths(course) - paths_before
    result.tmp_files = tmp_artefacts(start)
    for assignment in (at.NB01, at.NB02):
        result.grades[assignment] = ck.read_grades(course, assignment)
    for (assignment, student) in result.report:
        page = course / "feedback" / student / assignment / \
            f"{assignment}.html"
        result.feedback[student] = html.unescape(page.read_text()) \
            if page.exists() else ""
        result.outputs[student] = autograded_outputs(course, student,
                                                     assignment)
        folder = course / "autograded" / student / assignment
        result.autograded[student] = sorted(
            str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.is_file())
    return result


def attack_params():
    return [pytest.param(a, id=a.name) for a in at.ATTACKS]


# ------------------------------------------------------------ the checks
def test_the_baselines_grade_as_expected(graded):
    g01, g02 = graded.grades[at.NB01], graded.grades[at.NB02]
    assert len(graded.report) == len(BASELINES) + len(at.ATTACKS) <= 40
    assert g01["base-blank"].score == 0 < g01["base-wrong"].score
    assert g01["base-partial"].score < g01["base-solution"].score
    assert g01["base-wrong"].score < g01["base-solution"].score == \
        g01["base-solution"].max_score == 17
    assert g02["base-blank-02"].score == 0
    # the trusted tests' `with grading.disabled(nncourse.hh):` still works
    # while the simulator is hidden from the student's kernel
    assert g02["base-solution-02"].score == g02["base-solution-02"].max_score


@pytest.mark.parametrize("attack", attack_params())
def test_an_attack_gains_nothing(graded, attack):
    """Its score is that of the same work without the attack (at most that,
    where the attack breaks its own work).

    Tried by hand without each defence: graded by plain ``nbgrader
    autograde`` (tests in the student's kernel), input-transformer(-post),
    run-cell, nncourse-beside and nncourse-beside-on-path scored 17 of 17
    on the blank notebook (0 without the attack), ast-transformer 17 on a
    wrong one (14), and hook-clears-errors, trace-rewrites-locals,
    import-hooks and reload-noop 17 on the wrong one (14); with the staging
    of before
    4a1d4df, symlinked-notebook-source, symlinked-notebook-classmate and
    symlinked-folder scored 17 (0); with --unsafe-no-sandbox, hidden-module
    6 (0). numpy-patched, lying-objects and ndarray-subclass gained nothing
    even in plain nbgrader: nncourse.grading resists them."""
    grades = graded.grades[attack.assignment]
    got = grades[attack.name]
    honest = grades[baseline_of(attack)]
    row = graded.report[attack.assignment, attack.name]
    assert float(row["score"]) == got.score, "report and gradebook differ"
    if attack.exact:
        assert got.score == honest.score, (got.cells, row["notes"])
    else:
        assert got.score <= honest.score, (got.cells, row["notes"])
    assert got.max_score == honest.max_score


def hidden_lines(course: Path, assignment: str) -> list:
    """The substantial lines of the hidden tests that the release does not
    show."""
    release = (course / "release" / assignment /
               f"{assignment}.ipynb").read_text()
    visible = json.loads(release)
    shown = "\n".join("".join(c["source"]) for c in visible["cells"])
    lines = set()
    begin, end = HIDDEN_TESTS
    nb = nbformat.read(course / "source" / assignment /
                       f"{assignment}.ipynb", as_version=4)
    for cell in nb.cells:
        for block in re.findall(re.escape(begin) + "(.*?)" + re.escape(end),
                                cell.source, re.S):
            lines |= {line.strip() for line in block.splitlines()
                      if len(line.strip()) >= 16
                      and line.strip() not in shown}
    return sorted(lines)


def decodings(text: str) -> str:
    """``text`` with every base64 and hex run in it decoded as well (at
    each alignment, since a run may start inside a word)."""
    out = [text]
    for run in re.findall(r"[A-Za-z0-9+/]{24,}={0,2}", text):
        for start in range(4):
            chunk = run[start:]
            chunk = chunk[:len(chunk) - len(chunk) % 4]
            try:
                out.append(base64.b64decode(chunk).decode("utf-8",
                                                          "replace"))
            except (binascii.Error, ValueError):
                pass
    for run in re.findall(r"[0-9a-fA-F]{32,}", text):
        for start in range(2):
            chunk = run[start:]
            chunk = chunk[:len(chunk) - len(chunk) % 2]
            out.append(bytes.fromhex(chunk).decode("utf-8", "replace"))
    return "\n".join(out)


def simulator_lines(course: Path) -> list:
    """Substantial lines of the hidden simulator's source that the release
    does not show (some docstrings are the same)."""
    source = (ck.REPO / "nncourse" / "hh.py").read_text()
    shown = (course / "release" / at.NB02 / f"{at.NB02}.ipynb").read_text()
    return sorted({line.strip() for line in source.splitlines()
                   if len(line.strip()) >= 40
                   and json.dumps(line.strip())[1:-1] not in shown})


def test_the_leak_checks_see_encoded_leaks(graded):
    """The control of the next test: a hidden line, base64- or hex-encoded
    inside other text, is found."""
    line = hidden_lines(graded.course, at.NB01)[3]
    for text in (f"x {line} y",
                 "SPILL64:" + base64.b64encode(
                     f"ab{line}".encode()).decode(),
                 "SPILLHEX:" + f"z{line}".encode().hex()):
        assert line in decodings(text)


@pytest.mark.parametrize("attack", attack_params())
def test_an_attack_leaks_nothing(graded, attack):
    """Nothing hidden in its feedback, nor in its graded notebook's outputs
    (whatever its code printed there, it had seen).

    Tried by hand without each defence: under plain nbgrader,
    hook-prints-cells put 281 hidden lines, base64-encoded, into its
    feedback; with --unsafe-no-sandbox, reads-everything put 68 into its
    graded notebook's outputs and hidden-module the simulator's source
    (269 lines); with the staging of before 4a1d4df, the feedback of
    symlinked-notebook-classmate and symlinked-folder showed the
    classmate's work; before c704dcb, reads-everything found the hidden
    tests in the notebook in its own working folder (in the sandbox)."""
    secret = hidden_lines(graded.course, attack.assignment)
    assert len(secret) > 20
    if attack.assignment == at.NB02:
        secret += simulator_lines(graded.course)
    # what the student wrote itself is no leak, even where it says the
    # same as a hidden line ("import nncourse.hh")
    own = "" if attack.links else (
        graded.course / "submitted" / attack.name / attack.assignment /
        f"{attack.assignment}.ipynb").read_text()
    secret = [line for line in secret if json.dumps(line)[1:-1] not in own]
    for where, text in (("feedback", graded.feedback[attack.name]),
                        ("outputs", graded.outputs[attack.name])):
        seen = decodings(text)
        leaked = [line for line in secret if line in seen]
        assert not leaked, f"{where} shows hidden code: {leaked[:3]}"
        assert at.CLASSMATE_SECRET not in seen, f"{where}: classmate's work"
    assert graded.feedback[attack.name], "no feedback"
    if attack.marker:
        assert attack.marker in graded.outputs[attack.name], \
            "the attack did not run as written"
        assert attack.marker not in decodings(graded.feedback[attack.name])


def test_nothing_of_the_course_changed(graded):
    """Tried by hand with --unsafe-no-sandbox: course-edits rewrote
    nbgrader_config.py, source/ and release/; gradebook-writes and the
    strikes of double-fork and sleeping-editor changed both classmates'
    rows and left every student of 01 with 550 points of extra credit."""
    assert graded.after == graded.before
    assert graded.rows_after == graded.rows_before
    assert all(graded.rows_before.values()), "no classmate rows to guard"
    assert graded.new_paths == set()


@pytest.mark.parametrize("attack", attack_params())
def test_the_gradebook_holds_only_what_the_grader_computed(graded, attack):
    """(With --unsafe-no-sandbox, detached-subprocesses ended with 50 points
    of extra credit per cell, from a strike after its merge.)"""
    assert all(manual is None and not extra
               for manual, extra in grade_columns(graded.course,
                                                  attack.name))


@pytest.mark.parametrize("attack", attack_params())
def test_the_graded_folder_holds_only_what_was_handed_in(graded, attack):
    expected = sorted([f"{attack.assignment}.ipynb", *attack.files])
    assert graded.autograded[attack.name] == expected


def test_kernels_cannot_fill_the_hosts_disk_through_their_run_folder(
        graded):
    """file-flood-huge and file-flood-many write into the run folder (on
    the host's disk, outside the sandbox's size limits) as well: nothing
    gets there but the kernel's sockets and connection file. (Before
    c704dcb closed the folder, file-flood-many left 78566 files there.)"""
    entries, size, folder = graded.largest_run_folder
    assert folder, "the sampler measured no run folder"
    assert entries <= 20 and size <= 100_000, graded.largest_run_folder


def test_no_file_of_an_attack_is_left_in_tmp(graded):
    assert graded.tmp_files == []
    assert not any(Path(f).exists() for f in graded.folders)


def test_nothing_is_left_running(graded):
    """(With --unsafe-no-sandbox, detached-subprocesses and double-fork left
    `sleep 600`, a python that ignores SIGTERM and the grandchild kernel
    running.)"""
    assert graded.survivors == [], graded.survivors
    assert graded.folders, "the sampler saw no run folders"


def test_no_attack_reached_a_listener_of_the_suite(graded):
    """(With --unsafe-no-sandbox, tcp-sockets reached the TCP listener;
    unix-sockets was not tried so: it would have written to every socket
    of the machine.)"""
    assert [hits for _, hits in graded.canaries] == [[]] * 5, \
        graded.canaries

"""Fast checks of coursegrader's parts; test_class_grading runs them for
real."""
import copy
import logging
import shutil

import nbformat
import pytest

from coursegrader import __main__ as cli
from coursegrader import feedback, submissions
from coursegrader.feedback import HideHiddenTests
from tests import coursekit as ck

A = "01_neuron_models"
RELEASE = ck.REPO / "release" / A / f"{A}.ipynb"


@pytest.fixture
def released():
    return nbformat.read(RELEASE, as_version=4)


def ids(nb):
    return [submissions.grade_id(c) for c in nb.cells]


def test_repair_leaves_a_sound_notebook_alone(released):
    nb = copy.deepcopy(released)
    assert submissions.repair(nb, released) == []
    assert ids(nb) == ids(released)


def test_repair_puts_deleted_cells_back_in_place(released):
    nb = copy.deepcopy(released)
    gone = ("softmax", "test_softmax")
    nb.cells = [c for c in nb.cells if submissions.grade_id(c) not in gone]
    notes = submissions.repair(nb, released)
    assert [g for g in ids(nb) if g] == [g for g in ids(released) if g]
    assert notes == [f"put back the deleted cell {g!r}" for g in gone]


def test_repair_keeps_duplicates_as_ordinary_cells(released):
    nb = copy.deepcopy(released)
    i = ids(nb).index("mcculloch_pitts")
    nb.cells.insert(i + 1, copy.deepcopy(nb.cells[i]))
    nb.cells[i + 1].source = "# my second try\n" + nb.cells[i + 1].source
    submissions.repair(nb, released)
    assert ids(nb).count("mcculloch_pitts") == 1
    assert nb.cells[i + 1].source.startswith("# my second try")
    assert "nbgrader" not in nb.cells[i + 1].metadata


def test_repair_restores_edited_metadata(released):
    nb = copy.deepcopy(released)
    i = ids(nb).index("test_softmax")
    nb.cells[i].metadata.nbgrader.update(points=100, grade=False)
    notes = submissions.repair(nb, released)
    assert nb.cells[i].metadata.nbgrader == released.cells[i].metadata.nbgrader
    assert notes == ["restored the nbgrader metadata of 'test_softmax'"]


def test_stage_replaces_what_cannot_run_by_the_blank_release(tmp_path,
                                                             released):
    release = {RELEASE.name: released}
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / RELEASE.name).write_text("{not json")
    (sub / "other.ipynb").write_text("{}")
    (sub / "data.csv").write_text("1,2\n")
    notes = submissions.stage(sub, tmp_path / "staged", release,
                              max_bytes=10**6)
    staged = nbformat.read(tmp_path / "staged" / RELEASE.name, as_version=4)
    assert submissions.NOTE_TAG in staged.cells[0].metadata["tags"]
    assert ids(staged)[1:] == ids(released)
    assert (tmp_path / "staged" / "data.csv").exists()
    assert not (tmp_path / "staged" / "other.ipynb").exists()
    assert any("not a readable notebook" in n for n in notes)
    assert any("ignored other.ipynb" in n for n in notes)

    notes = submissions.stage(sub, tmp_path / "staged", release, max_bytes=10)
    assert notes and "over the course's limit" in notes[0]


def error(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=["secret_check(student_answer)"])


def test_feedback_hides_hidden_code_but_names_the_failure():
    cell = nbformat.v4.new_code_cell(
        "assert f(1) == 1\n### BEGIN HIDDEN TESTS\n"
        "secret_check(student_answer)\n### END HIDDEN TESTS")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "points": 1,
                                 "solution": False, "locked": True}
    cell.outputs = [error("AssertionError", "f(2) should be 4"),
                    error("NameError", "secret_check(student_answer) failed"),
                    nbformat.v4.new_output("stream", name="stdout",
                                           text="secret_check(student_answer)\n"),
                    nbformat.v4.new_output("stream", name="stdout",
                                           text="hello\n")]
    cell, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    shown = str(cell)
    assert "secret_check" not in shown
    assert cell.source.strip() == "assert f(1) == 1"
    assert cell.outputs[0].traceback[0] == \
        "t failed with AssertionError: f(2) should be 4."
    assert "quotes the hidden test" in cell.outputs[1].evalue
    assert cell.outputs[3].text == "hello\n"


def test_feedback_names_passed_tests_and_drops_the_students_outputs():
    test = nbformat.v4.new_code_cell("assert f(1) == 1")
    test.metadata["nbgrader"] = {"grade": True, "grade_id": "test_f",
                                 "points": 1, "solution": False,
                                 "locked": True}
    answer = nbformat.v4.new_code_cell("def f(x):\n    return x")
    answer.metadata["nbgrader"] = {"grade": False, "grade_id": "f",
                                   "solution": True, "locked": False}
    answer.outputs = [nbformat.v4.new_output(
        "stream", name="stdout", text="the hidden input was [1, 2]\n")]
    for cell in (test, answer):
        HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert [o.text for o in test.outputs] == ["test_f passed.\n"]
    assert answer.outputs == []


PAGE = """<html><head>
<!-- Load mathjax -->
<script src="https://cdnjs.cloudflare.com/mathjax.js"> </script>
<!-- End of mathjax configuration -->
</head><body><ol>
<li><a href="#test_softmax">Test cell</a> (Score: 1.0 / 2.0)</li></ol>
<div class="text_cell_render"><p>The loss is $L = \\frac{1}{2}e^2$.</p></div>
</body></html>"""


def test_feedback_score_list_names_each_test():
    assert ('<a href="#test_softmax"><code>test_softmax</code></a>'
            in feedback.name_tests(PAGE))


def test_feedback_formulas_are_typeset_into_the_page():
    if shutil.which("node") is None or not (
            ck.REPO / "node_modules" / "mathjax").is_dir():
        pytest.skip("no Node.js or node_modules/mathjax here")
    page = feedback.typeset(PAGE, logging.getLogger("test"))
    assert "<mjx-container" in page and "<svg" in page
    assert "$" not in page and "cdnjs" not in page


def test_feedback_without_node_keeps_the_formulas_and_says_why(
        monkeypatch, caplog):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    page = feedback.typeset(PAGE, logging.getLogger("test"))
    assert page == PAGE
    assert "needs Node.js" in caplog.text


@pytest.mark.parametrize("args, message", [
    (["--workers", "0"], "--workers must be at least 1"),
    (["--shard", "3/2"], "K must be between 1 and N"),
    (["--shard", "half"], "write it as K/N"),
    (["--memory-mb", "10"], "would not even start a kernel"),
])
def test_cli_rejects_bad_options_with_a_sentence(args, message, capsys):
    with pytest.raises(SystemExit):
        cli.parse(["autograde", *args])
    assert message in capsys.readouterr().err


def test_grading_without_bubblewrap_stops_and_says_what_to_install(
        tmp_path, monkeypatch, capsys):
    (tmp_path / "nbgrader_config.py").write_text(
        (ck.REPO / "nbgrader_config.py").read_text())
    monkeypatch.setenv("PATH", str(tmp_path))        # no bwrap on it
    with pytest.raises(SystemExit) as stopped:
        cli.main(["autograde", "--root", str(tmp_path)])
    message = str(stopped.value)
    assert "bubblewrap is not installed" in message
    assert "apt-get install bubblewrap" in message
    assert "--unsafe-no-sandbox" in message


def test_an_unknown_assignment_is_named_with_the_real_ones(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        (ck.REPO / "nbgrader_config.py").read_text())
    (tmp_path / "source" / A).mkdir(parents=True)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["autograde", "NOPE", "--root", str(tmp_path)])
    assert str(stopped.value) == ("coursegrader: no assignment named NOPE "
                                  f"in source/; the course has: {A}")


def test_grading_before_release_says_to_run_make_release(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        (ck.REPO / "nbgrader_config.py").read_text())
    (tmp_path / "source" / A).mkdir(parents=True)
    submitted = tmp_path / "submitted" / "ada" / A
    submitted.mkdir(parents=True)
    nbformat.write(nbformat.read(RELEASE, as_version=4),
                   submitted / RELEASE.name)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["autograde", "--root", str(tmp_path)])
    message = str(stopped.value)
    assert f"{A} is not in the gradebook" in message
    assert "run `make release`" in message
    assert not (tmp_path / "gradebook.db").exists()

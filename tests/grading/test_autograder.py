"""Gradescope's autograder zip: it grades a submission with the instructor's tests, hidden ones
included, whatever tests the submission brings along."""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from course.autograder import autograde, build_autograder
from course.mutants import load_mutants, write_mutant_tree

CHEATING_TEST = """
import pytest

@pytest.mark.task("1.6", points=1)
def test_accuracy_is_fraction_correct():
    assert True
"""


@pytest.fixture(scope="module")
def autograder(repo_root, tmp_path_factory) -> Path:
    return build_autograder(repo_root, "hw1", tmp_path_factory.mktemp("dist"))


@pytest.fixture
def source(autograder, tmp_path) -> Path:
    """The zip unpacked as Gradescope does, into its own /autograder/source."""
    folder = tmp_path / "source"
    with zipfile.ZipFile(autograder) as archive:
        archive.extractall(folder)
    return folder


def test_zip_has_both_scripts_executable_and_the_hidden_tests(autograder):
    with zipfile.ZipFile(autograder) as archive:
        names = set(archive.namelist())
        modes = {name: archive.getinfo(name).external_attr >> 16 for name in names}
    assert {"setup.sh", "run_autograder", "pyproject.toml"} <= names
    assert modes["run_autograder"] & stat.S_IXUSR
    assert modes["setup.sh"] & stat.S_IXUSR
    assert "tests/assignments/hw1_perceptron/hidden/test_hidden_perceptron.py" in names
    assert "assignments/hw1_perceptron/perceptron.py" in names
    assert not [name for name in names if name.startswith("solutions/")]


def _grade(source: Path, submission: Path, run_python, read_json) -> dict:
    results = source / "results" / "results.json"
    args = ["-m", "course", "autograde", "hw1_perceptron"]
    args += [f"--submission={submission}", f"--results={results}"]
    completed = run_python(args, cwd=source, python_path=source)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return read_json(results)


def test_the_solution_gets_full_marks_hidden_tests_included(
    source, repo_root, tmp_path, run_python, read_json
):
    submission = tmp_path / "submission"
    submission.mkdir()
    shutil.copy(repo_root / "solutions" / "hw1_perceptron" / "perceptron.py", submission)
    results = _grade(source, submission, run_python, read_json)
    assert results["score"] == sum(test["max_score"] for test in results["tests"]) == 17
    assert "after_published" in {test["visibility"] for test in results["tests"]}


def test_a_submission_that_edits_its_tests_gets_the_same_score(
    source, repo_root, tmp_path, read_json
):
    mutant = next(m for m in load_mutants(repo_root, "hw1_perceptron") if m.breaks == "1.6")
    wrong = write_mutant_tree(repo_root, "hw1_perceptron", mutant, tmp_path / "mutant")
    scores = []
    for name, cheat in (("honest", False), ("cheating", True)):
        submission = tmp_path / name / "hw1_perceptron"
        shutil.copytree(wrong / "hw1_perceptron", submission)
        if cheat:
            tests = tmp_path / name / "tests" / "assignments" / "hw1_perceptron"
            tests.mkdir(parents=True)
            (tests / "test_perceptron.py").write_text(CHEATING_TEST, encoding="utf-8")
        results = tmp_path / name / "results.json"
        assert autograde(source, "hw1", tmp_path / name, results) == 0
        scores.append(read_json(results)["score"])
    assert scores == [16, 16]

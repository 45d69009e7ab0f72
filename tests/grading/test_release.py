"""``course release``: the student repository has what students need, nothing more, and its own
test command reports every task "not started" without failing."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from course.release import release, student_readme
from course.submit import submit
from lecture_code.common.errors import UserError


@pytest.fixture(scope="module")
def released(repo_root, tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("release") / "student"
    release(repo_root, destination)
    return destination


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_has_what_students_need(released):
    files = _files(released)
    for needed in (
        "pyproject.toml",
        ".github/workflows/classroom.yml",
        "assignments/hw1_perceptron/perceptron.py",
        "tests/assignments/hw1_perceptron/test_perceptron.py",
        "course/plugin.py",
        "course/cli.py",
        "course/submit.py",
        "lecture_code/common/errors.py",
        "tests/lecture_code/test_lenet5_cli.py",
        "tests/lectures/conftest.py",
        "tests/workspace/test_debugger.py",
        "LICENSE",
    ):
        assert needed in files


def test_leaves_out_solutions_hidden_tests_and_instructor_tools(released):
    files = _files(released)
    forbidden = [
        f
        for f in files
        if f.startswith(("solutions/", ".ci/", "tests/grading/", ".github/workflows/ci"))
        or "/hidden/" in f
        or f in {f"course/{m}.py" for m in ("check", "release", "stubs", "mutants", "autograder")}
        or "__pycache__" in f
    ]
    assert forbidden == []


def test_readme_loses_its_instructor_only_parts():
    text = (
        "# Course\nintro\n<!-- instructor-only -->\n## For instructors\nsecret\n"
        "<!-- /instructor-only -->\nend\n"
    )
    assert student_readme(text) == "# Course\nintro\nend\n"


def test_refuses_a_folder_that_is_not_empty(repo_root, tmp_path):
    (tmp_path / "something").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="is not empty"):
        release(repo_root, tmp_path)


def test_released_tests_report_every_task_not_started(released, run_python, read_json):
    completed = run_python(
        [
            "-m",
            "pytest",
            "tests/assignments",
            "-p",
            "no:cacheprovider",
            "--grades-record=record.json",
        ],
        cwd=released,
        python_path=released,
    )
    assert completed.returncode == 0, completed.stdout[-3000:]
    record = read_json(released / "record.json")
    assert record["tree"] == "assignments"
    assert {r["status"] for r in record["results"]} == {"not started"}
    assert sum(r["earned"] for r in record["results"]) == 0
    assert " grades: assignments/ " in completed.stdout


def test_released_repository_offers_only_student_commands(released, run_python):
    completed = run_python(["-m", "course", "check"], cwd=released, python_path=released)
    assert completed.returncode == 2
    (line,) = completed.stderr.strip().splitlines()
    assert "invalid choice: 'check'" in line


def test_swapping_in_the_solutions_gives_full_marks_and_a_submission(
    released, repo_root, tmp_path, run_python, read_json
):
    student = tmp_path / "student"
    shutil.copytree(released, student)
    for assignment in ("hw1_perceptron", "hw2_backprop"):
        shutil.copytree(
            repo_root / "solutions" / assignment,
            student / "assignments" / assignment,
            dirs_exist_ok=True,
        )
    graded = run_python(
        [
            "-m",
            "pytest",
            "tests/assignments/hw1_perceptron",
            "tests/assignments/hw2_backprop",
            "-p",
            "no:cacheprovider",
            "--grades-record=r.json",
        ],
        cwd=student,
        python_path=student,
    )
    assert graded.returncode == 0, graded.stdout[-3000:]
    results = read_json(student / "r.json")["results"]
    assert {r["status"] for r in results} == {"passed"}
    assert sum(r["earned"] for r in results) == 28
    with zipfile.ZipFile(submit(student, "hw1")) as archive:
        assert sorted(archive.namelist()) == [
            "grade_report.txt",
            "hw1_perceptron/README.md",
            "hw1_perceptron/__init__.py",
            "hw1_perceptron/perceptron.py",
        ]
        report = archive.read("grade_report.txt").decode()
    assert report.splitlines()[-2].split() == ["Total", "15", "/", "15"]

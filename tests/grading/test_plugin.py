"""The grader plugin end to end, on a small made-up course with every kind of outcome.

One child pytest run grades it; the tests read its table, its record, and the Gradescope and
Classroom files that the same run wrote.
"""

from __future__ import annotations

import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.plugin import assignment_of

CODE = """
def right():
    return 1

def wrong():
    return 2

def unfinished():
    # TODO Task 9.3: do it
    raise NotImplementedError("Task 9.3: do it")

def forever():
    while True:
        try:
            pass
        except Exception:
            pass

def crashes():
    return [][1]
"""

TESTS = '''
import pytest

@pytest.fixture
def demo(graded):
    return graded("demo")

@pytest.mark.task("9.1", points=2)
def test_right(demo):
    """Right answers earn all points."""
    assert demo.right() == 1

@pytest.mark.task("9.2", points=3)
def test_wrong(demo):
    assert demo.wrong() == 1, "wrong() should give 1 for the empty input"

@pytest.mark.task("9.2", points=4)
def test_partly(demo, partial_credit):
    for case in range(4):
        with partial_credit.part(f"case {case}"):
            assert case < 3, f"case {case} is off by one"

@pytest.mark.task("9.3", points=1)
def test_unfinished(demo):
    assert demo.unfinished() == 3

@pytest.mark.task("9.4", points=1, time_limit=0.5)
def test_forever(demo):
    demo.forever()

@pytest.mark.task("9.5", points=1)
def test_crashes(demo):
    demo.crashes()
'''

BROKEN_TESTS = """
import pytest

@pytest.mark.task("8.1", points=5)
def test_broken(graded):
    graded("broken").anything()
"""


@dataclass(frozen=True)
class Run:
    """The child run's process and output files."""

    completed: subprocess.CompletedProcess
    folder: Path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="module")
def run(tmp_path_factory, run_python) -> Run:
    folder = tmp_path_factory.mktemp("course")
    _write(folder / "work" / "__init__.py", "")
    _write(folder / "work" / "hw9_demo" / "__init__.py", "")
    _write(folder / "work" / "hw9_demo" / "demo.py", CODE)
    _write(folder / "work" / "hw8_broken" / "__init__.py", "")
    _write(folder / "work" / "hw8_broken" / "broken.py", "def anything(:\n    pass\n")
    _write(folder / "tests" / "assignments" / "hw9_demo" / "test_demo.py", TESTS)
    _write(folder / "tests" / "assignments" / "hw8_broken" / "test_broken.py", BROKEN_TESTS)
    _write(folder / "pytest.ini", "[pytest]\n")
    args = ["-m", "pytest", "-p", "course.plugin", "--import-mode=importlib", "-ra"]
    args += ["--graded-tree=work", "--gradescope-json=out/results.json"]
    args += ["--classroom-json=out/classroom.json", "--grades-record=out/record.json"]
    return Run(run_python(args, cwd=folder), folder)


def _statuses(record: dict) -> dict[str, tuple[str, float]]:
    return {r["name"]: (r["status"], r["earned"]) for r in record["results"]}


def test_each_outcome_gets_its_status_and_points(run, read_json):
    assert _statuses(read_json(run.folder / "out" / "record.json")) == {
        "test_broken": ("error", 0.0),
        "test_right": ("passed", 2.0),
        "test_wrong": ("failed", 0.0),
        "test_partly": ("failed", 3.0),
        "test_unfinished": ("not started", 0.0),
        "test_forever": ("error", 0.0),
        "test_crashes": ("failed", 0.0),
    }


def test_messages_say_why_in_plain_words(run, read_json):
    messages = {
        r["name"]: r["message"] for r in read_json(run.folder / "out/record.json")["results"]
    }
    assert messages["test_wrong"] == "wrong() should give 1 for the empty input"
    assert messages["test_partly"] == "1 of 4 parts failed\ncase 3: case 3 is off by one"
    assert messages["test_unfinished"] == "Task 9.3: do it (at work/hw9_demo/demo.py:10)"
    assert messages["test_forever"].startswith("stopped after the 0.5 s time limit (at work/")
    assert (
        messages["test_crashes"]
        == "IndexError: list index out of range (at work/hw9_demo/demo.py:20)"
    )
    assert messages["test_broken"] == (
        "work/hw8_broken/broken.py line 1: SyntaxError: invalid syntax; "
        "fix it and this file's tests are graded again"
    )


def test_table_comes_last_with_totals_per_assignment_and_task(run):
    output = run.completed.stdout
    table = output[output.index(" grades: work/ ") :]
    assert "short test summary info" not in table
    lines = [line.split() for line in table.splitlines()]
    assert ["hw8_broken", "0", "/", "5"] in lines
    assert ["hw9_demo", "5", "/", "12"] in lines
    assert ["Task", "9.2", "3", "/", "7"] in lines
    assert ["Total", "5", "/", "17"] in lines
    assert "1 passed, 3 failed, 1 not started, 2 error" in table


def test_not_started_is_a_skip_and_wrong_answers_fail_the_run(run):
    assert run.completed.returncode == 1
    assert "SKIPPED [1] tests/assignments/hw9_demo/test_demo.py:" in run.completed.stdout
    assert "not started: Task 9.3: do it" in run.completed.stdout
    assert "5 failed, 1 passed, 1 skipped" in run.completed.stdout


def test_gradescope_results_from_the_same_run(run, read_json):
    results = read_json(run.folder / "out" / "results.json")
    assert results["score"] == 5.0
    assert "Total" in results["output"]
    by_name = {test["name"]: test for test in results["tests"]}
    right = by_name["hw9_demo Task 9.1: Right answers earn all points."]
    assert right == {
        "name": "hw9_demo Task 9.1: Right answers earn all points.",
        "number": "9.1.1",
        "score": 2.0,
        "max_score": 2.0,
        "status": "passed",
        "output": "",
        "visibility": "visible",
        "tags": ["hw9_demo", "Task 9.1", "passed"],
    }
    partly = by_name["hw9_demo Task 9.2: test_partly"]
    assert (partly["number"], partly["score"], partly["status"]) == ("9.2.2", 3.0, "failed")


def test_classroom_payload_from_the_same_run(run, read_json):
    payload = read_json(run.folder / "out" / "classroom.json")
    assert (payload["version"], payload["status"], payload["max_score"]) == (1, "fail", 17.0)
    assert sum(test["score"] for test in payload["tests"]) == 5.0
    assert {test["status"] for test in payload["tests"]} == {"pass", "fail"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("tests/assignments/hw1_perceptron/test_x.py", ("hw1_perceptron", False)),
        ("tests/assignments/hw1_perceptron/hidden/test_x.py", ("hw1_perceptron", True)),
        ("tests/lecture_code/test_x.py", None),
        ("tests/assignments/helpers/test_x.py", None),
    ],
)
def test_assignment_of_a_test_file(path, expected):
    assert assignment_of(Path("/repo") / path) == expected

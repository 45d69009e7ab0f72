"""Stub generation from solution regions, and the checks that stubs are current and clean."""

from pathlib import Path

import pytest

from course.stubs import leaked_lines, stub_problems, stub_source, write_stubs
from lecture_code.common.errors import UserError

SOLUTION = '''import numpy as np
import scipy  # solution only


def double(values: np.ndarray) -> np.ndarray:
    """Task 9.1: twice the values."""
    # Hint: multiplication broadcasts.
    # BEGIN SOLUTION Task 9.1: return the doubled values
    doubled = 2 * values
    return doubled
    # END SOLUTION
'''


def test_region_becomes_todo_and_not_implemented():
    stubbed = stub_source(SOLUTION, "double.py")
    assert stubbed.text == (
        "import numpy as np\n\n\n"
        "def double(values: np.ndarray) -> np.ndarray:\n"
        '    """Task 9.1: twice the values."""\n'
        "    # Hint: multiplication broadcasts.\n"
        "    # TODO Task 9.1: return the doubled values\n"
        '    raise NotImplementedError("Task 9.1: return the doubled values")\n'
    )


def test_stub_imports_and_raises_the_task_message():
    namespace: dict = {}
    exec(compile(stub_source(SOLUTION, "double.py").text, "double.py", "exec"), namespace)
    with pytest.raises(NotImplementedError, match=r"^Task 9\.1: return the doubled values$"):
        namespace["double"](1)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# BEGIN SOLUTION Task 1.1: x\nx = 1\n", r"f\.py:1: BEGIN SOLUTION without an END"),
        ("x = 1\n# END SOLUTION\n", r"f\.py:2: END SOLUTION without a BEGIN"),
        (
            "# BEGIN SOLUTION Task 1.1: a\n# BEGIN SOLUTION Task 1.2: b\n# END SOLUTION\n",
            r"f\.py:2: BEGIN SOLUTION inside another region",
        ),
        ("# BEGIN SOLUTION 1.1 no task word\n", r"f\.py:1: malformed solution marker"),
    ],
)
def test_malformed_regions_name_file_and_line(source, problem):
    with pytest.raises(UserError, match=problem):
        stub_source(source, "f.py")


def test_leak_check_finds_markers_and_solution_lines():
    stubbed = stub_source(SOLUTION, "double.py")
    assert leaked_lines(stubbed.text, stubbed) == []
    leaky = stubbed.text + "    doubled = 2 * values\nimport scipy  # solution only\n"
    assert leaked_lines(leaky, stubbed) == ["doubled = 2 * values", "import scipy  # solution only"]


def _repository(root: Path) -> Path:
    (root / "solutions" / "hw9_demo").mkdir(parents=True)
    (root / "solutions" / "hw9_demo" / "double.py").write_text(SOLUTION, encoding="utf-8")
    (root / "solutions" / "hw9_demo" / "README.md").write_text("# HW9\n", encoding="utf-8")
    return root


def test_write_then_check_then_detect_drift(tmp_path):
    root = _repository(tmp_path)
    assert stub_problems(root) == [
        "assignments/__init__.py: missing",
        "assignments/hw9_demo/README.md: missing",
        "assignments/hw9_demo/double.py: missing",
    ]
    assert len(write_stubs(root)) == 3
    assert stub_problems(root) == []
    assert write_stubs(root) == []

    stub = root / "assignments" / "hw9_demo" / "double.py"
    stub.write_text(stub.read_text() + "    doubled = 2 * values\n", encoding="utf-8")
    (root / "assignments" / "hw9_demo" / "extra.py").write_text("", encoding="utf-8")
    assert stub_problems(root) == [
        "assignments/hw9_demo/double.py: contains solution text: doubled = 2 * values",
        "assignments/hw9_demo/double.py: out of date",
        "assignments/hw9_demo/extra.py: not generated from solutions/",
    ]

"""Graded test results and the three things made from one run of them: the student's table,
Gradescope's ``results.json`` and GitHub Classroom's reporter payload."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum
from itertools import groupby
from pathlib import Path

from course.layout import assignment_number
from lecture_code.common.files import write_text_atomically

TABLE_WIDTH = 88
MESSAGE_LINES = 4


class Status(str, Enum):
    """How one graded test ended, in the words the student sees."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_STARTED = "not started"
    ERROR = "error"


@dataclass(frozen=True)
class TestResult:
    """One graded test's outcome."""

    __test__ = False  # a record, not a pytest test class

    assignment: str
    task: str
    name: str
    description: str
    points: float
    earned: float
    status: Status
    message: str = ""
    hidden: bool = False
    seconds: float = 0.0


@dataclass
class Gradebook:
    """Every graded result of a run, and the tree (``solutions`` or ``assignments``) graded."""

    tree: str
    results: list[TestResult] = field(default_factory=list)

    def total(self) -> tuple[float, float]:
        """Points earned and points possible over the whole run."""
        return _sum(self.results)

    def by_task(self) -> dict[tuple[str, str], list[TestResult]]:
        """Results grouped by (assignment, task), in course order."""
        ordered = sorted(self.results, key=_course_order)
        return {key: list(group) for key, group in groupby(ordered, key=_task_key)}

    def to_json(self) -> dict:
        """The record ``course check`` and ``course submit`` read back."""
        return {"tree": self.tree, "results": [asdict(result) for result in self.results]}

    @classmethod
    def from_json(cls, data: dict) -> Gradebook:
        """Rebuild a gradebook written by :meth:`to_json`."""
        results = [
            TestResult(**{**result, "status": Status(result["status"])})
            for result in data["results"]
        ]
        return cls(tree=data["tree"], results=results)


def _task_key(result: TestResult) -> tuple[str, str]:
    return (result.assignment, result.task)


def _course_order(result: TestResult) -> tuple:
    """Assignments and tasks in numeric order (Task 1.10 after 1.9), tests as they ran."""
    return (
        assignment_number(result.assignment),
        tuple(int(part) for part in result.task.split(".")),
        result.hidden,
    )


def _sum(results: Iterable[TestResult]) -> tuple[float, float]:
    results = list(results)
    return sum(r.earned for r in results), sum(r.points for r in results)


def points(earned: float, possible: float) -> str:
    """``7.5 / 10`` with no trailing zeros."""
    return f"{round(earned, 2):g} / {round(possible, 2):g}"


def format_table(gradebook: Gradebook) -> str:
    """The per-assignment, per-task table printed at the end of a run."""
    rows: list[tuple[str, str | None]] = []  # (left, points), or (a message line, None)
    tasks = gradebook.by_task()
    for assignment, group in groupby(tasks.items(), key=lambda item: item[0][0]):
        group = list(group)
        assignment_results = [r for _, results in group for r in results]
        rows.append((assignment, points(*_sum(assignment_results))))
        for (_, task), results in group:
            rows.append((f"  Task {task}", points(*_sum(results))))
            for result in results:
                label = f"    {result.status.value:<12}{result.name}"
                if result.hidden:
                    label += " (hidden)"
                rows.append((label, points(result.earned, result.points)))
                rows.extend((line, None) for line in _message_lines(result))
    earned, possible = gradebook.total()
    rows.append(("Total", points(earned, possible)))
    # Wide enough for the longest test name, so the points column stays straight.
    width = max([TABLE_WIDTH] + [len(left) + len(right) + 2 for left, right in rows if right])
    lines = [f" grades: {gradebook.tree}/ ".center(width, "=")]
    lines += [
        left if right is None else left.ljust(width - len(right)) + right for left, right in rows
    ]
    counts = {status: sum(r.status is status for r in gradebook.results) for status in Status}
    lines.append(", ".join(f"{count} {status.value}" for status, count in counts.items()))
    return "\n".join(lines)


def _message_lines(result: TestResult) -> list[str]:
    """The first lines of why a test lost points, indented under it."""
    if result.status is Status.PASSED or not result.message:
        return []
    message = result.message.splitlines()
    shown = message[:MESSAGE_LINES]
    if len(message) > MESSAGE_LINES:
        shown.append("...")
    return [f"                {line}" for line in shown]


def gradescope_results(gradebook: Gradebook, execution_time: float) -> dict:
    """Gradescope's ``results.json``: one entry per graded test, the table as overall output."""
    tests = []
    for (assignment, task), results in gradebook.by_task().items():
        for index, result in enumerate(results, start=1):
            output = result.message if result.status is not Status.PASSED else ""
            tests.append(
                {
                    "name": f"{assignment} Task {task}: {result.description or result.name}",
                    "number": f"{task}.{index}",
                    "score": round(result.earned, 4),
                    "max_score": result.points,
                    "status": "passed" if result.status is Status.PASSED else "failed",
                    "output": f"{result.status.value}: {output}" if output else "",
                    "visibility": "after_published" if result.hidden else "visible",
                    "tags": [assignment, f"Task {task}", result.status.value],
                }
            )
    earned, _ = gradebook.total()
    return {
        "score": round(earned, 4),
        "execution_time": round(execution_time, 2),
        "output": format_table(gradebook),
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def classroom_results(gradebook: Gradebook) -> dict:
    """The payload GitHub Classroom's grading reporter reads (base64 of this JSON)."""
    tests = [
        {
            "name": f"{r.assignment} Task {r.task}: {r.name}",
            "status": "pass" if r.status is Status.PASSED else "fail",
            "score": round(r.earned, 4),
            "max_score": r.points,
            "message": f"{r.status.value}: {r.message}" if r.message else r.status.value,
            "execution_time": f"{r.seconds:.2f}s",
        }
        for results in gradebook.by_task().values()
        for r in results
    ]
    passed = all(r.status is Status.PASSED for r in gradebook.results)
    _, possible = gradebook.total()
    return {
        "version": 1,
        "status": "pass" if passed else "fail",
        "max_score": possible,
        "tests": tests,
    }


def write_json(path: Path, data: dict) -> None:
    """Write ``data`` as indented JSON, atomically, creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps(data, indent=2) + "\n")

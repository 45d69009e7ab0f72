"""The grader: a pytest plugin that turns graded tests into points per assignment and task.

Loaded for every run by ``-p course.plugin`` in pyproject's pytest ``addopts``. A graded test
lives in ``tests/assignments/<hwN_topic>/``, is marked ``@pytest.mark.task("N.M", points=P)``
and imports the code under grade through the ``graded`` fixture, never at module level, so a
broken student file costs only the tests that use it. The plugin

* grades ``solutions/`` when the repository has it (the instructor's), else ``assignments/``;
  ``--graded-tree`` picks another folder;
* reports a test whose code still raises ``NotImplementedError`` as *not started* (shown by
  pytest as skipped, so an unfinished assignment does not fail the student's run), a wrong
  answer as *failed*, and an import error or a time-out as *error*;
* stops any graded test after its time limit (``--time-limit``, or ``time_limit=`` on the
  marker); see :mod:`course.timeouts`;
* prints the points table at the end and, on request, writes Gradescope's ``results.json``,
  GitHub Classroom's payload and a record for ``course check``, all from the same results.
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from course.credit import PartialCredit
from course.determinism import deterministic_random_state
from course.layout import ASSIGNMENT_NAME, ASSIGNMENTS, HIDDEN_TESTS, SOLUTIONS, assignment_number
from course.messages import explain
from course.report import (
    Gradebook,
    Status,
    TestResult,
    classroom_results,
    format_table,
    gradescope_results,
    write_json,
)
from course.timeouts import TimeLimitExceeded, time_limit

DEFAULT_TIME_LIMIT = 5.0
# Setup imports the graded module and the libraries it uses; a first import can be slow (e.g.
# matplotlib builds its font cache once), so setup gets more time, but still a bound: code at
# the top level of a student's file may loop forever too.
SETUP_TIME_LIMIT = 60.0
TASK_ID = re.compile(r"^(\d+)\.\d+$")
MARKER_HELP = (
    "task(id, *, points, time_limit=None): a graded test of task id ('1.2') worth points; "
    "time_limit in seconds overrides --time-limit"
)


@dataclass(frozen=True)
class GradedSpec:
    """What the task marker and the test's folder say about a graded test."""

    assignment: str
    task: str
    points: float
    time_limit: float
    hidden: bool


class GradedImportError(Exception):
    """The file under grade cannot be imported (syntax error, missing name, ...)."""


SPEC = pytest.StashKey[GradedSpec]()
CREDIT = pytest.StashKey[PartialCredit]()
TREE = pytest.StashKey[Path]()
GRADEBOOK = pytest.StashKey[Gradebook]()
STARTED = pytest.StashKey[float]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("course", "course grading")
    group.addoption(
        "--graded-tree",
        type=Path,
        default=None,
        help="folder of assignment packages to grade (default: solutions/ if the repository "
        "has it, else assignments/)",
    )
    group.addoption(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        help="seconds each graded test may run; 0 turns the limit off (default: %(default)s)",
    )
    group.addoption("--gradescope-json", type=Path, help="write Gradescope's results.json here")
    group.addoption("--classroom-json", type=Path, help="write GitHub Classroom's payload here")
    group.addoption("--grades-record", type=Path, help="write the full results (for tools) here")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    tree = config.getoption("--graded-tree")
    if tree is None:
        solutions = config.rootpath / SOLUTIONS
        tree = solutions if solutions.is_dir() else config.rootpath / ASSIGNMENTS
    tree = Path(tree).resolve()
    if not tree.name.isidentifier():
        raise pytest.UsageError(f"--graded-tree {tree}: the folder name must be a Python name")
    config.stash[TREE] = tree
    config.stash[GRADEBOOK] = Gradebook(tree=tree.name)
    config.stash[STARTED] = time.perf_counter()
    sys.path.insert(0, str(tree.parent))


def assignment_of(path: Path) -> tuple[str, bool] | None:
    """(assignment, hidden) for a test under ``tests/assignments/<hwN_topic>/``, else None."""
    parts = path.parts
    for index in range(len(parts) - 2):
        if parts[index : index + 2] == ("tests", "assignments") and ASSIGNMENT_NAME.match(
            parts[index + 2]
        ):
            return parts[index + 2], HIDDEN_TESTS in parts[index + 3 :]
    return None


def _spec(item: pytest.Item, assignment: str, hidden: bool, default_limit: float) -> GradedSpec:
    """Read and check the task marker of a graded test."""
    marker = item.get_closest_marker("task")
    if marker is None or len(marker.args) != 1 or "points" not in marker.kwargs:
        raise pytest.UsageError(
            f"{item.nodeid}: a test in tests/assignments/ needs @pytest.mark.task('N.M', points=P)"
        )
    task, points = str(marker.args[0]), float(marker.kwargs["points"])
    match = TASK_ID.match(task)
    if match is None or int(match.group(1)) != assignment_number(assignment) or points <= 0:
        raise pytest.UsageError(
            f"{item.nodeid}: task {task!r} with {points:g} points: the id must be "
            f"'{assignment_number(assignment)}.M' for {assignment} and the points positive"
        )
    limit = float(marker.kwargs.get("time_limit", default_limit))
    return GradedSpec(assignment, task, points, limit, hidden)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    default_limit = config.getoption("--time-limit")
    for item in items:
        located = assignment_of(Path(item.path))
        if located is None:
            if item.get_closest_marker("task"):
                raise pytest.UsageError(
                    f"{item.nodeid}: graded tests belong in tests/assignments/<hwN_topic>/"
                )
            continue
        item.stash[SPEC] = _spec(item, *located, default_limit)


def _phase_limit(spec: GradedSpec, when: str) -> float:
    """Seconds the setup or call phase of a graded test may take (0: no limit)."""
    if when == "setup" and spec.time_limit > 0:
        return max(spec.time_limit, SETUP_TIME_LIMIT)
    return spec.time_limit


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    spec = item.stash.get(SPEC, None)
    if spec is None:
        return (yield)
    item.stash[CREDIT] = PartialCredit()
    with time_limit(_phase_limit(spec, "setup")):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    spec = item.stash.get(SPEC, None)
    if spec is None:
        return (yield)
    with time_limit(_phase_limit(spec, "call")):
        outcome = yield
    credit = item.stash[CREDIT]
    if credit.failures:
        raise AssertionError(credit.failure_message())
    return outcome


@pytest.fixture(autouse=True)
def _deterministic_graded_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Graded tests run from a fixed random state on one thread (see course.determinism)."""
    if SPEC not in request.node.stash:
        yield
        return
    with deterministic_random_state():
        yield


@pytest.fixture
def graded(request: pytest.FixtureRequest) -> Callable[[str], ModuleType]:
    """``graded("perceptron")`` imports that module of this test's assignment, from the tree
    under grade (``solutions/`` or ``assignments/``)."""
    spec = request.node.stash.get(SPEC, None)
    if spec is None:
        raise pytest.UsageError("the graded fixture works only in tests under tests/assignments/")
    tree = request.config.stash[TREE]

    def load(module: str) -> ModuleType:
        relative = f"{tree.name}/{spec.assignment}/{module}.py"
        try:
            return importlib.import_module(f"{tree.name}.{spec.assignment}.{module}")
        except SyntaxError as error:
            raise GradedImportError(
                f"{relative} line {error.lineno}: SyntaxError: {error.msg}; fix it and this "
                "file's tests are graded again"
            ) from None
        except ImportError as error:
            raise GradedImportError(f"cannot import {relative}: {explain(error)}") from None
        except Exception as error:
            raise GradedImportError(
                f"{relative} raised while being imported: {explain(error)}; code at the top "
                "level of the file must not fail"
            ) from None

    return load


@pytest.fixture
def partial_credit(request: pytest.FixtureRequest) -> PartialCredit:
    """Checks run as parts, each worth a share of the test's points (see PartialCredit)."""
    credit = request.node.stash.get(CREDIT, None)
    if credit is None:
        raise pytest.UsageError("partial_credit works only in tests under tests/assignments/")
    return credit


def _where(excinfo: pytest.ExceptionInfo[BaseException], tree: Path) -> str:
    """`` (at assignments/hw1/x.py:12)`` for the innermost frame in the code under grade."""
    for entry in reversed(excinfo.traceback):
        path = Path(entry.path)
        if path.is_relative_to(tree):
            return f" (at {path.relative_to(tree.parent).as_posix()}:{entry.lineno + 1})"
    return ""


def _outcome(
    item: pytest.Item, call: pytest.CallInfo[None], spec: GradedSpec
) -> tuple[Status, float, str]:
    """Status, points earned and the message for a finished setup or call phase."""
    excinfo = call.excinfo
    if excinfo is None:
        return Status.PASSED, spec.points, ""
    error, tree = excinfo.value, item.config.stash[TREE]
    if isinstance(error, NotImplementedError) and (
        str(error).startswith("Task ") or _where(excinfo, tree)
    ):
        message = str(error) or "the code still raises NotImplementedError"
        return Status.NOT_STARTED, 0.0, f"{message}{_where(excinfo, tree)}"
    if isinstance(error, TimeLimitExceeded):
        message = (
            f"stopped after the {_phase_limit(spec, call.when):g} s time limit"
            f"{_where(excinfo, tree)}; "
            "look for a loop that never ends"
        )
        return Status.ERROR, 0.0, message
    if isinstance(error, GradedImportError):
        return Status.ERROR, 0.0, str(error)
    if call.when == "setup":
        return Status.ERROR, 0.0, f"could not set up the test: {explain(error)}"
    credit = item.stash[CREDIT]
    earned = spec.points * credit.fraction if credit.used else 0.0
    return Status.FAILED, earned, f"{explain(error)}{_where(excinfo, tree)}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    spec = item.stash.get(SPEC, None)
    finished_phase = call.when == "call" or (call.when == "setup" and not report.passed)
    if spec is None or not finished_phase:
        return report
    status, earned, message = _outcome(item, call, spec)
    item.config.stash[GRADEBOOK].results.append(
        TestResult(
            assignment=spec.assignment,
            task=spec.task,
            name=item.name,
            description=_description(item),
            points=spec.points,
            earned=earned,
            status=status,
            message=message,
            hidden=spec.hidden,
            seconds=call.duration,
        )
    )
    if status is Status.NOT_STARTED:
        path, line, _ = item.location
        report.outcome = "skipped"
        report.longrepr = (path, (line or 0) + 1, f"not started: {message}")
    return report


def _description(item: pytest.Item) -> str:
    """The first line of the test's docstring: what it checks, in words."""
    doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> Generator[None]:
    # A wrapper around pytest's own summary, so the table comes last, after "short test
    # summary info", right above the final counts.
    yield
    gradebook = terminalreporter.config.stash[GRADEBOOK]
    if gradebook.results:
        terminalreporter.write_line("")
        for line in format_table(gradebook).splitlines():
            terminalreporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    gradebook = config.stash[GRADEBOOK]
    elapsed = time.perf_counter() - config.stash[STARTED]
    outputs = {
        "--gradescope-json": lambda: gradescope_results(gradebook, elapsed),
        "--classroom-json": lambda: classroom_results(gradebook),
        "--grades-record": gradebook.to_json,
    }
    for option, build in outputs.items():
        path = config.getoption(option)
        if path is not None:
            write_json(Path(path), build())

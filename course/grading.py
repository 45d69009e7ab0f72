"""Run the grader in child processes and read its results back.

``course check`` grades many trees (the solutions, the stubs, each mutant); ``course submit``
and Gradescope's ``run_autograder`` grade one. A child process keeps a run's imports and any
crash away from the command itself. Within a child, several runs go one after another
(:mod:`course.batch`), so the libraries the graders use (PyTorch takes seconds) load once per
child, not once per run; the trees' packages have distinct names, so they never mix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course.layout import GRADED_TESTS
from course.report import Gradebook

PROCESS_TIMEOUT = 600


@dataclass(frozen=True)
class GradingJob:
    """One tree (a folder of assignment packages) graded with the tests of some assignments."""

    tree: Path
    assignments: tuple[str, ...]


def pytest_arguments(root: Path, job: GradingJob, record: Path) -> list[str]:
    """The pytest command line of one grading run, writing its results to ``record``."""
    return [
        *[(root / GRADED_TESTS / name).as_posix() for name in job.assignments],
        f"--rootdir={root}",
        f"--graded-tree={job.tree}",
        f"--grades-record={record}",
        # graded tests need no fixtures from above tests/assignments/; skipping those
        # conftest files skips their imports in every run
        f"--confcutdir={root / GRADED_TESTS}",
        "-q",
        "-p",
        "no:cacheprovider",
    ]


def run_graders(root: Path, jobs: list[GradingJob], processes: int) -> list[tuple[Gradebook, str]]:
    """Grade every job, spread over ``processes`` children; results in the order of ``jobs``.

    Each result is the gradebook (empty if the run died) and the run's output.
    """
    with tempfile.TemporaryDirectory(prefix="course-grade-") as scratch:
        folder = Path(scratch)
        plan = [
            {
                "args": pytest_arguments(root, job, folder / f"record-{index}.json"),
                "output": str(folder / f"output-{index}.txt"),
            }
            for index, job in enumerate(jobs)
        ]
        children = []
        for number in range(max(1, min(processes, len(jobs)))):
            batch = folder / f"batch-{number}.json"
            batch.write_text(json.dumps(plan[number::processes]), encoding="utf-8")
            children.append(_start_batch(root, batch))
        errors = "".join(_finish(child) for child in children)
        return [_read_result(folder, index, job, errors) for index, job in enumerate(jobs)]


def run_grader(root: Path, tree: Path, assignments: list[str]) -> tuple[Gradebook, str]:
    """Grade ``tree`` with the tests of ``assignments`` in a child process."""
    (result,) = run_graders(root, [GradingJob(tree, tuple(assignments))], processes=1)
    return result


def _start_batch(root: Path, batch: Path) -> subprocess.Popen:
    existing = os.environ.get("PYTHONPATH")
    # root first, so its course and lecture_code win over any installed copy
    python_path = os.pathsep.join([str(root), existing] if existing else [str(root)])
    return subprocess.Popen(
        [sys.executable, "-m", "course.batch", str(batch)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": python_path, "PYTHONHASHSEED": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(child: subprocess.Popen) -> str:
    """Wait for a child; one still running after PROCESS_TIMEOUT is stopped (its remaining runs
    then have no results, which the caller reports)."""
    try:
        return child.communicate(timeout=PROCESS_TIMEOUT)[1]
    except subprocess.TimeoutExpired:
        child.kill()
        return child.communicate()[1] + f"\nstopped after {PROCESS_TIMEOUT} s\n"


def _read_result(folder: Path, index: int, job: GradingJob, errors: str) -> tuple[Gradebook, str]:
    output_file, record = folder / f"output-{index}.txt", folder / f"record-{index}.json"
    output = output_file.read_text(encoding="utf-8") if output_file.is_file() else errors
    if not record.is_file():
        return Gradebook(tree=job.tree.name), output
    return Gradebook.from_json(json.loads(record.read_text(encoding="utf-8"))), output

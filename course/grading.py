"""Run the grader in a fresh Python process and read its results back.

``course check`` grades several trees (solutions, stubs, each mutant) whose packages share
names (``solutions.hw1_perceptron``...), and a mutant may hang or crash: a child process per
tree keeps them apart and lets the runs go in parallel. ``course grade`` runs in-process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from course.layout import GRADED_TESTS
from course.report import Gradebook

PROCESS_TIMEOUT = 300


def graded_test_paths(root: Path, assignments: list[str]) -> list[str]:
    """The graded test folders of ``assignments``, relative to ``root``."""
    return [(GRADED_TESTS / name).as_posix() for name in assignments]


def run_grader(
    root: Path, tree: Path, assignments: list[str], extra_args: tuple[str, ...] = ()
) -> tuple[Gradebook, str]:
    """Grade ``tree`` with the tests of ``assignments`` in a child process.

    Returns the results and the run's output (for messages when something went wrong).
    """
    with tempfile.TemporaryDirectory(prefix="course-grade-") as scratch:
        record = Path(scratch) / "record.json"
        command = [
            sys.executable,
            "-m",
            "pytest",
            *graded_test_paths(root, assignments),
            f"--graded-tree={tree}",
            f"--grades-record={record}",
            # graded tests need no fixtures from above tests/assignments/; skipping them
            # skips their imports (torch, for the lecture tests) in every one of these runs
            f"--confcutdir={root / GRADED_TESTS}",
            "-q",
            "-p",
            "no:cacheprovider",
            *extra_args,
        ]
        environment = {**os.environ, "PYTHONPATH": _python_path(root), "PYTHONHASHSEED": "0"}
        completed = subprocess.run(
            command,
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
            timeout=PROCESS_TIMEOUT,
            check=False,
        )
        output = completed.stdout + completed.stderr
        if not record.is_file():
            return Gradebook(tree=tree.name), output
        return Gradebook.from_json(json.loads(record.read_text(encoding="utf-8"))), output


def _python_path(root: Path) -> str:
    """``root`` first, so its ``course`` and ``lecture_code`` win over any installed copy."""
    existing = os.environ.get("PYTHONPATH")
    return os.pathsep.join([str(root), existing] if existing else [str(root)])

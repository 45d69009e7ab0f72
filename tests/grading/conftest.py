"""Fixtures of the grader's own tests: child processes that use this venv's Python."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

RunPython = Callable[..., subprocess.CompletedProcess]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The instructor repository under test."""
    return REPO_ROOT


def _run_python(
    args: list[str], cwd: Path, python_path: Path = REPO_ROOT
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(python_path)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def run_python() -> RunPython:
    """``run_python(args, cwd, python_path=REPO_ROOT)``: run this venv's Python in ``cwd``, with
    ``course`` and ``lecture_code`` imported from ``python_path``."""
    return _run_python


@pytest.fixture(scope="session")
def read_json() -> Callable[[Path], dict]:
    """``read_json(path)``: the parsed JSON file."""
    return lambda path: json.loads(Path(path).read_text(encoding="utf-8"))

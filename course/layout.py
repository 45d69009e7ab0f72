"""Where things live in the course repository, shared by the grader and the ``course`` command."""

from __future__ import annotations

import re
from pathlib import Path

from lecture_code.common.errors import UserError

SOLUTIONS = "solutions"
ASSIGNMENTS = "assignments"
GRADED_TESTS = Path("tests") / "assignments"
HIDDEN_TESTS = "hidden"
ASSIGNMENT_NAME = re.compile(r"^hw(\d+)_[a-z0-9_]+$")
# course/ modules the student repository does without (see course release)
INSTRUCTOR_MODULES = ("stubs", "mutants", "check", "release", "autograder")
CACHE_NAMES = ("__pycache__", ".pytest_cache", ".ruff_cache", ".DS_Store")


def repository_root() -> Path:
    """The repository this command works on: the nearest folder up from here with a pyproject."""
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "pyproject.toml").is_file() and (folder / GRADED_TESTS).is_dir():
            return folder
    raise UserError(
        "not inside the course repository (no pyproject.toml with tests/assignments/ above the "
        "current folder); cd into your clone and run the command again"
    )


def assignment_number(name: str) -> int:
    """The N of ``hwN_topic``."""
    match = ASSIGNMENT_NAME.match(name)
    if match is None:
        raise ValueError(f"{name!r} is not an assignment name like hw1_perceptron")
    return int(match.group(1))


def assignment_names(tree: Path) -> list[str]:
    """The assignment packages (``hwN_topic``) in ``tree``, in course order."""
    if not tree.is_dir():
        return []
    names = [p.name for p in tree.iterdir() if p.is_dir() and ASSIGNMENT_NAME.match(p.name)]
    return sorted(names, key=assignment_number)


def resolve_assignments(tree: Path, requested: list[str]) -> list[str]:
    """Map ``hw1`` or ``hw1_perceptron`` to the assignment folder names in ``tree``.

    An empty ``requested`` means every assignment.
    """
    available = assignment_names(tree)
    if not requested:
        return available
    resolved = []
    for request in requested:
        matches = [name for name in available if name == request or name.split("_")[0] == request]
        if not matches:
            raise UserError(
                f"no assignment {request!r} in {tree.name}/; choose from: {', '.join(available)}"
            )
        resolved.extend(matches)
    return resolved

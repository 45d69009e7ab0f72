"""``course release DIR``: write the student repository.

It has what a student needs (dev container, VS Code settings, lecture code, the generated
stubs, the public tests, the README without its instructor-only parts, the Classroom workflow,
the student half of ``course``) and nothing of ``solutions/``, mutants, hidden tests, CI or
instructor tooling.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from course.layout import ASSIGNMENTS, CACHE_NAMES, GRADED_TESTS, HIDDEN_TESTS, INSTRUCTOR_MODULES
from course.stubs import stub_problems
from lecture_code.common.errors import UserError

STUDENT_PATHS = (
    ".devcontainer",
    ".vscode",
    ".gitattributes",
    ".gitignore",
    "LICENSE",
    "pyproject.toml",
    "lecture_code",
    ASSIGNMENTS,
    "benchmarks",
    ".github/workflows/classroom.yml",
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/lecture_code",
    "tests/lectures",
    "tests/workspace",
    GRADED_TESTS.as_posix(),
)
README = "README.md"
INSTRUCTOR_ONLY = re.compile(
    r"[ \t]*<!-- instructor-only -->.*?<!-- /instructor-only -->[ \t]*\n?", re.DOTALL
)


def student_readme(text: str) -> str:
    """The README without the parts between ``<!-- instructor-only -->`` markers."""
    return INSTRUCTOR_ONLY.sub("", text)


def _ignore(folder: str, names: list[str]) -> set[str]:
    """What copytree leaves out: caches, hidden tests, instructor modules of course/."""
    left_out = {name for name in names if name in CACHE_NAMES or name.endswith(".pyc")}
    if Path(folder).name == "course":
        left_out.update(f"{module}.py" for module in INSTRUCTOR_MODULES)
    if Path(folder).parent.name == "assignments" and Path(folder).parent.parent.name == "tests":
        left_out.add(HIDDEN_TESTS)
    return left_out


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, ignore=_ignore)
    else:
        shutil.copy2(source, destination)


def release(root: Path, destination: Path) -> int:
    """Write the student repository into ``destination``; return how many files it has."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise UserError(f"{destination} is not empty; choose a new folder for the release")
    problems = stub_problems(root)
    if problems:
        raise UserError(f"assignments/ is out of date ({problems[0]}); run 'course stubs' first")
    for relative in STUDENT_PATHS:
        if (root / relative).exists():
            _copy(root / relative, destination / relative)
    _copy(root / "course", destination / "course")
    readme = root / README
    if readme.is_file():
        text = student_readme(readme.read_text(encoding="utf-8"))
        (destination / README).write_text(text, encoding="utf-8")
    return sum(1 for path in destination.rglob("*") if path.is_file())

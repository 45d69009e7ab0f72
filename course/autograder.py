"""Gradescope: ``course autograder hwN`` builds the autograder zip; inside Gradescope,
``run_autograder`` calls ``course autograde hwN`` to grade a submission.

Grading always uses the instructor's tests from the zip (hidden ones included): from the
submission only the assignment's own source files are taken, so a submission that edits or
adds tests changes nothing.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from course.grading import run_grader
from course.layout import ASSIGNMENTS, GRADED_TESTS, SOLUTIONS, resolve_assignments
from course.report import Gradebook, format_table, gradescope_results, write_json
from course.stubs import stub_problems
from course.zipping import files_under, write_zip
from lecture_code.common.errors import UserError

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once to build the autograder image (Ubuntu, as root).
set -euo pipefail
apt-get update
apt-get install -y python3 python3-venv python3-pip
python3 -m venv /autograder/venv
# CPU wheels: Gradescope has no GPU, and they are a fraction of the download
/autograder/venv/bin/pip install --index-url https://download.pytorch.org/whl/cpu torch torchvision
/autograder/venv/bin/pip install -e "/autograder/source[dev]"
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission; the results go to /autograder/results/results.json.
set -euo pipefail
cd /autograder/source
exec /autograder/venv/bin/python -m course autograde {assignment}
"""


def build_autograder(root: Path, request: str, out_dir: Path | None = None) -> Path:
    """Write ``<hwN_topic>-autograder.zip`` for Gradescope into ``out_dir`` (default ``dist/``)
    and return its path."""
    (name,) = resolve_assignments(root / SOLUTIONS, [request])
    problems = stub_problems(root, [name])
    if problems:
        raise UserError(f"assignments/ is out of date ({problems[0]}); run 'course stubs' first")
    members: dict[str, Path | str] = {
        "setup.sh": SETUP_SH,
        "run_autograder": RUN_AUTOGRADER.format(assignment=name),
        "pyproject.toml": root / "pyproject.toml",
        "README.md": f"Gradescope autograder for {name}, built by 'course autograder'.\n",
        f"{ASSIGNMENTS}/__init__.py": root / ASSIGNMENTS / "__init__.py",
        "lecture_code/__init__.py": root / "lecture_code" / "__init__.py",
    }
    for folder in (
        Path("course"),
        Path("lecture_code") / "common",
        Path(ASSIGNMENTS) / name,
        GRADED_TESTS / name,
    ):
        for path in files_under(root / folder):
            members[path.relative_to(root).as_posix()] = path
    executables = frozenset({"setup.sh", "run_autograder"})
    out_dir = root / "dist" if out_dir is None else out_dir
    return write_zip(out_dir / f"{name}-autograder.zip", members, executables)


def _submitted_copy(submission: Path, assignment: str, relative: Path) -> Path | None:
    """The submission's version of one assignment file, wherever the student put it."""
    for candidate in (submission / assignment / relative, submission / relative):
        if candidate.is_file():
            return candidate
    matches = sorted(submission.rglob(relative.name))
    return matches[0] if matches else None


def autograde(source: Path, request: str, submission: Path, results: Path) -> int:
    """Grade ``submission`` with the instructor's tests in ``source``; write ``results``."""
    (name,) = resolve_assignments(source / ASSIGNMENTS, [request])
    target = source / ASSIGNMENTS / name
    found = []
    for path in files_under(target):
        relative = path.relative_to(target)
        if path.suffix != ".py" or path.name == "__init__.py":
            continue
        submitted = _submitted_copy(submission, name, relative)
        if submitted is not None:
            shutil.copyfile(submitted, path)
            found.append(relative.as_posix())
    started = time.perf_counter()
    gradebook, output = run_grader(source, target.parent, [name])
    elapsed = time.perf_counter() - started
    if not gradebook.results:
        data = gradescope_results(Gradebook(tree=ASSIGNMENTS), elapsed)
        data["output"] = f"The grader could not run; please tell your instructor.\n{output[-2000:]}"
    else:
        data = gradescope_results(gradebook, elapsed)
        data["output"] = f"Graded files: {', '.join(found) or 'none found'}\n\n" + format_table(
            gradebook
        )
    write_json(results, data)
    print(output)
    return 0

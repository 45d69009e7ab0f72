"""``course submit hwN``: the student's files of one assignment and their grade report, zipped."""

from __future__ import annotations

from pathlib import Path

from course.grading import run_grader
from course.layout import ASSIGNMENTS, resolve_assignments
from course.report import format_table
from course.zipping import files_under, write_zip
from lecture_code.common.errors import UserError

SUBMISSIONS = Path("dist")
REPORT_NAME = "grade_report.txt"


def submit(root: Path, request: str) -> Path:
    """Grade the assignment, then zip its files and the report into ``dist/``."""
    (name,) = resolve_assignments(root / ASSIGNMENTS, [request])
    gradebook, output = run_grader(root, root / ASSIGNMENTS, [name])
    if not gradebook.results:
        raise UserError(
            f"the grader did not run, so nothing was zipped; run 'course grade {request}' to "
            f"see why (last line: {output.strip().splitlines()[-1:]})"
        )
    folder = root / ASSIGNMENTS / name
    members: dict[str, Path | str] = {
        f"{name}/{path.relative_to(folder).as_posix()}": path for path in files_under(folder)
    }
    members[REPORT_NAME] = format_table(gradebook) + "\n"
    return write_zip(root / SUBMISSIONS / f"{name}-submission.zip", members)

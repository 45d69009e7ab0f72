"""The course command: grade, submit, and the instructor's tools.

Instructor commands are offered only where their modules exist: ``course release`` leaves
them out of the student repository, so a student's ``course --help`` lists what they can use.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from course.layout import ASSIGNMENTS, GRADED_TESTS, SOLUTIONS, repository_root, resolve_assignments
from lecture_code.common.cli import ArgumentParser
from lecture_code.common.errors import UserError, run_main


def _available(module: str) -> bool:
    """Whether ``course/<module>.py`` is part of this copy of the package (not another copy's)."""
    spec = importlib.util.find_spec(f"course.{module}")
    return spec is not None and Path(spec.origin).parent == Path(__file__).parent


def _grade(args: argparse.Namespace) -> int:
    root = repository_root()
    tree = root / (SOLUTIONS if args.solutions else ASSIGNMENTS)
    if not tree.is_dir():
        raise UserError(f"there is no {tree.name}/ folder in {root}")
    names = resolve_assignments(tree, args.assignments)
    pytest_args = [
        *[(GRADED_TESTS / name).as_posix() for name in names],
        f"--graded-tree={tree}",
        f"--rootdir={root}",
        f"--confcutdir={root / GRADED_TESTS}",
        "-q",
        "--tb=short",
        "-rN",  # the points table says what the short summary would, per task
    ]
    if args.json:
        pytest_args.append(f"--gradescope-json={args.json.resolve()}")
    if args.classroom:
        pytest_args.append(f"--classroom-json={args.classroom.resolve()}")
    return int(pytest.main(pytest_args))


def _stubs(args: argparse.Namespace) -> int:
    from course.stubs import write_stubs

    changed = write_stubs(repository_root())
    for path in changed:
        print(f"updated {path.as_posix()}")
    print(f"{len(changed)} stub files updated" if changed else "stubs are up to date")
    return 0


def _check(args: argparse.Namespace) -> int:
    from course.check import format_findings, run_check

    findings = run_check(repository_root())
    print(format_findings(findings))
    failed = sum(not finding.ok for finding in findings)
    print(f"course check: {'FAILED, ' + str(failed) + ' problems' if failed else 'all good'}")
    return 1 if failed else 0


def _release(args: argparse.Namespace) -> int:
    from course.release import release

    written = release(repository_root(), args.directory)
    print(f"student repository written to {args.directory} ({written} files)")
    return 0


def _submit(args: argparse.Namespace) -> int:
    from course.submit import submit

    path = submit(repository_root(), args.assignment)
    print(f"upload this file: {path}")
    return 0


def _autograder(args: argparse.Namespace) -> int:
    from course.autograder import build_autograder

    path = build_autograder(repository_root(), args.assignment)
    print(f"Gradescope autograder: {path}")
    return 0


def _autograde(args: argparse.Namespace) -> int:
    from course.autograder import autograde

    return autograde(Path.cwd(), args.assignment, args.submission, args.results)


def build_parser() -> argparse.ArgumentParser:
    """The ``course`` parser with the subcommands this repository has."""
    parser = ArgumentParser(prog="course", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    grade = commands.add_parser("grade", help="grade assignments and print the points table")
    grade.add_argument("assignments", nargs="*", metavar="hwN", help="default: all")
    grade.add_argument("--solutions", action="store_true", help="grade solutions/ instead")
    grade.add_argument("--json", type=Path, help="also write Gradescope's results.json here")
    grade.add_argument("--classroom", type=Path, help="also write GitHub Classroom's payload here")
    grade.set_defaults(run=_grade)

    submit = commands.add_parser("submit", help="zip an assignment and its grade report")
    submit.add_argument("assignment", metavar="hwN")
    submit.set_defaults(run=_submit)

    if _available("check"):
        stubs = commands.add_parser("stubs", help="regenerate assignments/ from solutions/")
        stubs.set_defaults(run=_stubs)
        check = commands.add_parser("check", help="prove solutions, stubs and mutants grade right")
        check.set_defaults(run=_check)
    if _available("release"):
        release = commands.add_parser("release", help="write the student repository")
        release.add_argument("directory", type=Path)
        release.set_defaults(run=_release)
    if _available("autograder"):
        autograder = commands.add_parser("autograder", help="build Gradescope's autograder zip")
        autograder.add_argument("assignment", metavar="hwN")
        autograder.set_defaults(run=_autograder)
        autograde = commands.add_parser("autograde", help="(inside Gradescope) grade a submission")
        autograde.add_argument("assignment")
        autograde.add_argument("--submission", type=Path, default=Path("/autograder/submission"))
        autograde.add_argument(
            "--results", type=Path, default=Path("/autograder/results/results.json")
        )
        autograde.set_defaults(run=_autograde)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``course``; user errors are one line and exit status 2."""
    args = build_parser().parse_args(argv)
    status = 0

    def run(_: Sequence[str] | None) -> None:
        nonlocal status
        status = args.run(args)

    return run_main(run) or status


if __name__ == "__main__":
    sys.exit(main())

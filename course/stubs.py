"""Student stubs generated from the reference solutions, the single source of both.

A solution file marks each part the student writes as a region::

    # BEGIN SOLUTION Task 1.2: compute the net input
    return features @ self.weights + self.bias
    # END SOLUTION

and the stub keeps everything else (signatures, docstrings, type hints, hint comments) with the
region replaced by ``# TODO Task 1.2: ...`` and ``raise NotImplementedError("Task 1.2: ...")``.
A line ending in ``# solution only`` (an import only the solution needs, say) is dropped.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from course.layout import ASSIGNMENTS, CACHE_NAMES, SOLUTIONS, assignment_names
from lecture_code.common.errors import UserError
from lecture_code.common.files import write_text_atomically

BEGIN = re.compile(r"^(?P<indent>\s*)# BEGIN SOLUTION (?P<task>Task \d+\.\d+: \S.*?)\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")
SOLUTION_ONLY = re.compile(r"#\s*solution only\s*$")
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "solution only")
PACKAGE_DOCSTRING = '"""Your assignments: fill in every ``# TODO`` and run ``course grade``."""\n'


@dataclass(frozen=True)
class StubbedSource:
    """A stub's text and the solution lines it hides (for the leak check)."""

    text: str
    hidden_lines: frozenset[str]


def stub_source(source: str, origin: str) -> StubbedSource:
    """Replace each solution region of ``source`` by a TODO and ``NotImplementedError``.

    ``origin`` names the file in error messages.
    """
    kept: list[str] = []
    hidden: set[str] = set()
    region_start: int | None = None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        begin = BEGIN.match(line)
        if region_start is not None:
            if begin:
                raise UserError(f"{origin}:{number}: BEGIN SOLUTION inside another region")
            if END.match(line):
                region_start = None
            else:
                hidden.add(line.strip())
        elif begin:
            region_start = number
            indent, task = begin.group("indent"), begin.group("task")
            kept.append(f"{indent}# TODO {task}\n")
            kept.append(
                f"{indent}raise NotImplementedError({json.dumps(task, ensure_ascii=False)})\n"
            )
        elif END.match(line):
            raise UserError(f"{origin}:{number}: END SOLUTION without a BEGIN SOLUTION")
        elif SOLUTION_ONLY.search(line):
            hidden.add(line.strip())
        elif any(marker in line for marker in MARKERS):
            raise UserError(
                f"{origin}:{number}: malformed solution marker; write "
                "'# BEGIN SOLUTION Task N.M: what to do' on a line of its own"
            )
        else:
            kept.append(line)
    if region_start is not None:
        raise UserError(f"{origin}:{region_start}: BEGIN SOLUTION without an END SOLUTION")
    text = "".join(kept)
    kept_lines = {line.strip() for line in kept}
    meaningful = {line for line in hidden if line and not line.startswith("#")}
    return StubbedSource(text, frozenset(meaningful - kept_lines))


def leaked_lines(stub_text: str, stubbed: StubbedSource) -> list[str]:
    """Lines of ``stub_text`` that carry a solution marker or a line only the solution has."""
    leaks = []
    for line in stub_text.splitlines():
        stripped = line.strip()
        if any(marker in line for marker in MARKERS) or stripped in stubbed.hidden_lines:
            leaks.append(stripped)
    return leaks


def _source_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` except caches, relative to it, in a stable order."""
    return sorted(
        path.relative_to(folder)
        for path in folder.rglob("*")
        if path.is_file() and not set(CACHE_NAMES).intersection(path.relative_to(folder).parts)
    )


def expected_stubs(root: Path, assignment: str) -> dict[Path, StubbedSource]:
    """The generated student files of one assignment, keyed by path relative to the repository."""
    solution_dir = root / SOLUTIONS / assignment
    generated = {}
    for relative in _source_files(solution_dir):
        source = (solution_dir / relative).read_text(encoding="utf-8")
        target = Path(ASSIGNMENTS) / assignment / relative
        if relative.suffix == ".py":
            generated[target] = stub_source(source, f"{SOLUTIONS}/{assignment}/{relative}")
        else:
            generated[target] = StubbedSource(source, frozenset())
    return generated


def all_expected_stubs(
    root: Path, assignments: list[str] | None = None
) -> dict[Path, StubbedSource]:
    """The generated files of ``assignments`` (default: all), with the package marker."""
    generated = {Path(ASSIGNMENTS) / "__init__.py": StubbedSource(PACKAGE_DOCSTRING, frozenset())}
    for assignment in assignment_names(root / SOLUTIONS) if assignments is None else assignments:
        generated.update(expected_stubs(root, assignment))
    return generated


def write_stubs(root: Path) -> list[Path]:
    """Regenerate ``assignments/`` from ``solutions/``; return the files that changed."""
    generated = all_expected_stubs(root)
    for assignment in assignment_names(root / ASSIGNMENTS):
        if not (root / SOLUTIONS / assignment).is_dir():
            shutil.rmtree(root / ASSIGNMENTS / assignment)
    changed = []
    for relative, stubbed in generated.items():
        target = root / relative
        if target.is_file() and target.read_text(encoding="utf-8") == stubbed.text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(target, stubbed.text)
        changed.append(relative)
    for stale in stale_stub_files(root, generated):
        (root / stale).unlink()
        changed.append(stale)
    return changed


def stale_stub_files(
    root: Path, generated: dict[Path, StubbedSource], assignments: list[str] | None = None
) -> list[Path]:
    """Files in ``assignments/`` (or in the given assignments' folders) that no solution
    file generates."""
    folders = (
        [Path(ASSIGNMENTS)] if assignments is None else [Path(ASSIGNMENTS) / a for a in assignments]
    )
    present = [
        folder / relative
        for folder in folders
        if (root / folder).is_dir()
        for relative in _source_files(root / folder)
    ]
    return [relative for relative in present if relative not in generated]


def stub_problems(root: Path, assignments: list[str] | None = None) -> list[str]:
    """Why ``assignments/`` (or the given assignments in it) is not exactly what
    ``course stubs`` generates; empty when it is."""
    generated = all_expected_stubs(root, assignments)
    problems = []
    for relative, stubbed in generated.items():
        path = root / relative
        if not path.is_file():
            problems.append(f"{relative.as_posix()}: missing")
            continue
        actual = path.read_text(encoding="utf-8")
        problems.extend(
            f"{relative.as_posix()}: contains solution text: {leak}"
            for leak in leaked_lines(actual, stubbed)
        )
        if actual != stubbed.text:
            problems.append(f"{relative.as_posix()}: out of date")
    problems.extend(
        f"{relative.as_posix()}: not generated from solutions/"
        for relative in stale_stub_files(root, generated, assignments)
    )
    return problems

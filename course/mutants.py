"""Deliberately wrong solutions: each breaks one task, to prove the grader notices.

``solutions/mutants/<hwN_topic>.py`` lists them as ``MUTANTS``; each names a solution file, a
piece of its text and what to put instead. Writing a mutant as a small edit rather than a
copied file keeps it in step with the solution: if the solution changes so that the text is
gone, ``course check`` says so instead of grading a stale copy.
"""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path

from course.layout import SOLUTIONS, assignment_names
from lecture_code.common.errors import UserError

MUTANTS_FOLDER = "mutants"


@dataclass(frozen=True)
class Mutant:
    """One deliberate mistake in a solution file, breaking the task ``breaks`` only."""

    name: str
    breaks: str
    file: str
    find: str
    replace: str


def load_mutants(root: Path, assignment: str) -> list[Mutant]:
    """The mutants declared for ``assignment`` (an empty list when there is no file)."""
    path = root / SOLUTIONS / MUTANTS_FOLDER / f"{assignment}.py"
    if not path.is_file():
        return []
    spec = importlib.util.spec_from_file_location(f"_mutants_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.MUTANTS)


def all_mutants(root: Path) -> dict[str, list[Mutant]]:
    """Mutants per assignment, for every assignment in ``solutions/``."""
    return {name: load_mutants(root, name) for name in assignment_names(root / SOLUTIONS)}


def write_mutant_tree(
    root: Path, assignment: str, mutant: Mutant, destination: Path, package: str = SOLUTIONS
) -> Path:
    """Copy the solution of ``assignment`` into ``destination/<package>/`` with the mutation.

    Returns the tree to grade. A distinct ``package`` per mutant lets one process grade many.
    """
    tree = destination / package
    shutil.copy2(root / SOLUTIONS / "__init__.py", _mkdir(tree) / "__init__.py")
    shutil.copytree(
        root / SOLUTIONS / assignment,
        tree / assignment,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    target = tree / assignment / mutant.file
    source = target.read_text(encoding="utf-8")
    if source.count(mutant.find) != 1:
        raise UserError(
            f"mutant {mutant.name}: the text to replace occurs {source.count(mutant.find)} times "
            f"in {SOLUTIONS}/{assignment}/{mutant.file} (must be exactly once); update "
            f"{SOLUTIONS}/{MUTANTS_FOLDER}/{assignment}.py"
        )
    target.write_text(source.replace(mutant.find, mutant.replace), encoding="utf-8")
    return tree


def _mkdir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder

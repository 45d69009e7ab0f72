"""Print the requirements that ``pyproject.toml`` declares, one a line, for ``pip install -r``.

The dev container's image installs the project's dependencies in a layer built from
``pyproject.toml`` alone, so editing code never reinstalls torch. It runs this twice: once with
``--only torch torchvision`` to take those from PyTorch's own wheel index (CPU or CUDA builds),
then for everything else from PyPI::

    python requirements_from_pyproject.py pyproject.toml --extra dev
    python requirements_from_pyproject.py pyproject.toml --extra dev --only torch torchvision
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import tomllib

EXIT_USAGE = 2
# PEP 508: a requirement starts with its distribution name.
NAME_PATTERN = re.compile(r"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


class RequirementsError(Exception):
    """A problem with the pyproject file or the names asked for; the message names the fix."""


def normalize_name(name: str) -> str:
    """A distribution name in PEP 503's normal form: ``Foo_Bar`` and ``foo-bar`` are equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """The normalised distribution name a PEP 508 requirement string starts with."""
    match = NAME_PATTERN.match(requirement)
    if match is None:
        raise RequirementsError(f"cannot read the requirement {requirement!r}")
    return normalize_name(match.group(1))


def read_requirements(pyproject: Path, extras: Sequence[str]) -> list[str]:
    """The ``[project]`` dependencies plus those of each optional-dependency group in ``extras``,
    and the build backend's (``[build-system] requires``), so that post-create.sh's editable
    install without build isolation finds it: Python 3.12 images no longer ship setuptools."""
    try:
        with pyproject.open("rb") as file:
            document = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RequirementsError(f"cannot read {pyproject} ({error})") from error
    project = document.get("project", {})
    requirements = [*document.get("build-system", {}).get("requires", [])]
    requirements += project.get("dependencies", [])
    optional = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise RequirementsError(
                f"{pyproject} has no optional-dependencies group {extra!r} "
                f"(it has: {', '.join(sorted(optional)) or 'none'})"
            )
        requirements.extend(optional[extra])
    return requirements


def select(requirements: Sequence[str], names: Sequence[str]) -> list[str]:
    """The requirements for ``names``; each name must be present, so a rename fails loudly."""
    wanted = {normalize_name(name) for name in names}
    chosen = [item for item in requirements if requirement_name(item) in wanted]
    missing = wanted - {requirement_name(item) for item in chosen}
    if missing:
        raise RequirementsError(f"no requirement named {', '.join(sorted(missing))}")
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pyproject", type=Path, help="the pyproject.toml to read")
    parser.add_argument(
        "--extra", action="append", default=[], help="also an optional-dependency group"
    )
    parser.add_argument("--only", nargs="+", metavar="NAME", help="just these distributions")
    args = parser.parse_args(argv)
    try:
        requirements = read_requirements(args.pyproject, args.extra)
        if args.only:
            requirements = select(requirements, args.only)
    except RequirementsError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print("\n".join(requirements))
    return 0


if __name__ == "__main__":
    sys.exit(main())

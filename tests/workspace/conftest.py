"""Readers for the workspace's JSON-with-comments files, shared by the tests in this folder."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LAUNCH_JSON = REPO_ROOT / ".vscode" / "launch.json"

# A string literal (kept whole, so "//" inside one survives), or a line or block comment.
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/', re.DOTALL)
_STRING_OR_TRAILING_COMMA = re.compile(r'"(?:[^"\\\n]|\\.)*"|,(\s*[}\]])')


def parse_jsonc(text: str) -> Any:
    """Parse JSON with comments, as VS Code and the Dev Container spec read their files.

    Comments and trailing commas are allowed; everything else must be strict JSON (quoted keys,
    double-quoted strings), so a file this accepts is one VS Code reads without complaint.
    Comments become blanks with their line breaks kept, so errors point at the right line.
    """

    def blank_comment(match: re.Match[str]) -> str:
        token = match.group()
        return token if token.startswith('"') else re.sub(r"[^\n]", " ", token)

    def drop_trailing_comma(match: re.Match[str]) -> str:
        return match.group(1) if match.group(1) is not None else match.group()

    without_comments = _STRING_OR_COMMENT.sub(blank_comment, text)
    return json.loads(_STRING_OR_TRAILING_COMMA.sub(drop_trailing_comma, without_comments))


def read_jsonc(path: Path) -> Any:
    """Parse the JSON-with-comments file at ``path``."""
    return parse_jsonc(path.read_text(encoding="utf-8"))


def launch_configurations() -> list[dict[str, Any]]:
    """The configurations of ``.vscode/launch.json``, in file order."""
    return read_jsonc(LAUNCH_JSON)["configurations"]


@pytest.fixture(name="parse_jsonc", scope="session")
def parse_jsonc_fixture() -> Callable[[str], Any]:
    """:func:`parse_jsonc`, for the tests of the parser itself."""
    return parse_jsonc


@pytest.fixture(name="read_jsonc", scope="session")
def read_jsonc_fixture() -> Callable[[Path], Any]:
    """:func:`read_jsonc` (test modules cannot import each other under importlib import mode)."""
    return read_jsonc


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give each launch configuration its own test case, named after it."""
    if "launch_configuration" in metafunc.fixturenames:
        configurations = launch_configurations()
        metafunc.parametrize(
            "launch_configuration",
            configurations,
            ids=[configuration["name"] for configuration in configurations],
        )

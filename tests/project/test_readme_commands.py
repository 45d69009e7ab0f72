"""The README's two commands are the ones CI runs, and they name things that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from lecture_code.l01_intro import lenet5_mnist

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
CI_LINES = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def quick_start_commands() -> list[str]:
    """The shell code blocks of the README's "Quick start" section, in order."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)]


def test_quick_start_has_a_train_command_and_a_test_command() -> None:
    train, test = quick_start_commands()
    assert train.endswith(".venv/bin/python lecture_code/l01_intro/lenet5_mnist.py")
    assert "pytest" in test


def test_ci_installs_exactly_as_the_readme_says() -> None:
    train, _ = quick_start_commands()
    setup = train.rsplit(" && ", 1)[0]
    assert setup in CI_LINES, f"{setup!r} is not a line of .ci/run"


def test_ci_runs_the_readme_test_command() -> None:
    _, test = quick_start_commands()
    assert test in CI_LINES, f"{test!r} is not a line of .ci/run"


def test_readme_paths_exist() -> None:
    train, _ = quick_start_commands()
    script = shlex.split(train.rsplit(" && ", 1)[1])[1]
    assert (REPO_ROOT / script).is_file()
    assert (REPO_ROOT / "benchmarks" / "lenet5_throughput.py").is_file()


def test_every_lenet5_flag_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        lenet5_mnist.parse_args(["--help"])
    flags = set(re.findall(r"--[a-z][a-z-]+", capsys.readouterr().out)) - {"--help"}
    lecture_section = README.split("## Lecture 1", 1)[1].split("\n## ", 1)[0]
    assert flags
    assert not {flag for flag in flags if f"`{flag}" not in lecture_section}

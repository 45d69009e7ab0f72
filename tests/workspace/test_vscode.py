"""The VS Code workspace in .vscode/: launch configurations that match their scripts' flags,
settings that agree with pyproject.toml, and tasks that run the project's pinned tools."""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
VSCODE = REPO_ROOT / ".vscode"
WORKSPACE_FOLDER = "${workspaceFolder}"
INTERPRETER = "${command:python.interpreterPath}"


def pyproject() -> dict[str, Any]:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11+")
    with (REPO_ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def expand(value: str) -> str:
    """``value`` with ``${workspaceFolder}`` replaced; any other VS Code variable is an error."""
    expanded = value.replace(WORKSPACE_FOLDER, str(REPO_ROOT))
    assert "${" not in expanded, f"unexpected variable in {value!r}"
    return expanded


def module_for(configuration: dict[str, Any]) -> str:
    """The importable module a configuration runs, from its ``module`` or its ``program``."""
    if "module" in configuration:
        return configuration["module"]
    program = Path(expand(configuration["program"]))
    assert program.is_file(), f"program {program} does not exist"
    return ".".join(program.relative_to(REPO_ROOT).with_suffix("").parts)


def assert_parser_accepts(module_name: str, args: list[str]) -> None:
    """Fail unless the script's own ``parse_args`` accepts ``args``."""
    assert importlib.util.find_spec(module_name) is not None, f"no module {module_name}"
    module = importlib.import_module(module_name)
    assert hasattr(module, "parse_args"), f"{module_name} has no parse_args(argv) to check against"
    try:
        module.parse_args(args)
    except SystemExit as exit_:
        pytest.fail(f"{module_name} rejects {args} (exit status {exit_.code})")


# launch.json


def test_launch_configurations_students_rely_on_exist(read_jsonc: Callable[[Path], Any]) -> None:
    names = [item["name"] for item in read_jsonc(VSCODE / "launch.json")["configurations"]]
    assert len(names) == len(set(names)), f"duplicate names in {names}"
    assert {
        "LeNet-5: step through training",
        "LeNet-5: full training run",
        "Python: current file",
        "Debug tests",
    } <= set(names)


def test_launch_configuration_is_valid(launch_configuration: dict[str, Any]) -> None:
    """Each configuration runs something that exists, with arguments its parser accepts."""
    assert launch_configuration["type"] == "debugpy"
    assert launch_configuration["request"] == "launch"
    assert isinstance(launch_configuration["justMyCode"], bool)
    if "debug-test" in launch_configuration.get("purpose", []):
        # The Test Explorer supplies what to run; a program here would be ignored.
        assert not {"program", "module", "args"} & launch_configuration.keys()
        return
    assert launch_configuration["cwd"] == WORKSPACE_FOLDER
    if launch_configuration.get("program") == "${file}":
        assert "args" not in launch_configuration
        return
    args = [expand(arg) for arg in launch_configuration["args"]]
    assert_parser_accepts(module_for(launch_configuration), args)


def test_step_through_configuration_is_short_and_just_my_code(
    read_jsonc: Callable[[Path], Any],
) -> None:
    configurations = read_jsonc(VSCODE / "launch.json")["configurations"]
    (step,) = [item for item in configurations if item["name"] == "LeNet-5: step through training"]
    module = importlib.import_module(module_for(step))
    args = module.parse_args(step["args"])
    assert (args.epochs, args.smoke) == (1, False)
    assert 10 <= (args.max_batches or 0) <= 100
    assert step["justMyCode"] is True
    (debug_tests,) = [item for item in configurations if item["name"] == "Debug tests"]
    assert debug_tests["justMyCode"] is False


def test_the_parser_check_catches_a_renamed_flag() -> None:
    with pytest.raises(pytest.fail.Exception, match="rejects"):
        assert_parser_accepts("lecture_code.l01_intro.lenet5_mnist", ["--batches-max", "3"])


# settings.json


def test_pytest_discovery_matches_pyproject(read_jsonc: Callable[[Path], Any]) -> None:
    settings = read_jsonc(VSCODE / "settings.json")
    assert settings["python.testing.pytestEnabled"] is True
    assert settings["python.testing.unittestEnabled"] is False
    folders = settings["python.testing.pytestArgs"]
    assert folders == pyproject()["tool"]["pytest"]["ini_options"]["testpaths"]
    assert all((REPO_ROOT / folder).is_dir() for folder in folders)


def test_ruff_formats_and_fixes_on_save_with_the_pinned_version(
    read_jsonc: Callable[[Path], Any],
) -> None:
    settings = read_jsonc(VSCODE / "settings.json")
    python = settings["[python]"]
    assert python["editor.defaultFormatter"] == "charliermarsh.ruff"
    assert python["editor.formatOnSave"] is True
    assert python["editor.codeActionsOnSave"] == {
        "source.fixAll": "explicit",
        "source.organizeImports": "explicit",
    }
    # The editor uses the environment's ruff, which the dev extra pins: both agree.
    assert settings["ruff.importStrategy"] == "fromEnvironment"
    dev = pyproject()["project"]["optional-dependencies"]["dev"]
    assert any(re.fullmatch(r"ruff==[\d.]+", requirement) for requirement in dev)


def test_data_and_runs_are_kept_out_of_search_and_the_watcher(
    read_jsonc: Callable[[Path], Any],
) -> None:
    settings = read_jsonc(VSCODE / "settings.json")
    ignored = (REPO_ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for folder in ("data", "runs"):
        assert f"/{folder}/" in ignored
        assert settings["search.exclude"][f"{folder}/**"] is True
        assert settings["files.watcherExclude"][f"**/{folder}/**"] is True


# tasks.json


def tasks_by_label(read_jsonc: Callable[[Path], Any]) -> dict[str, dict[str, Any]]:
    tasks = read_jsonc(VSCODE / "tasks.json")["tasks"]
    labels = [task["label"] for task in tasks]
    assert len(labels) == len(set(labels)), f"duplicate labels in {labels}"
    return {task["label"]: task for task in tasks}


def test_tasks_run_the_selected_interpreter_from_the_workspace(
    read_jsonc: Callable[[Path], Any],
) -> None:
    tasks = tasks_by_label(read_jsonc)
    assert {"Lint", "Test", "Train LeNet-5", "Grade"} <= tasks.keys()
    for label, task in tasks.items():
        if "dependsOn" in task:
            assert set(task["dependsOn"]) <= tasks.keys(), label
            continue
        assert task["type"] == "process", label
        assert task["command"] == INTERPRETER, label
        assert task["args"][0] == "-m", label
        assert task["options"]["cwd"] == WORKSPACE_FOLDER, label


def test_tasks_name_real_modules_and_flags(read_jsonc: Callable[[Path], Any]) -> None:
    tasks = tasks_by_label(read_jsonc)
    lint = [tasks[label]["args"][1:3] for label in tasks["Lint"]["dependsOn"]]
    assert lint == [["ruff", "check"], ["ruff", "format"]]
    assert "--check" in tasks[tasks["Lint"]["dependsOn"][1]]["args"]
    assert tasks["Test"]["args"] == ["-m", "pytest"]
    assert tasks["Test"]["group"] == {"kind": "test", "isDefault": True}
    for module in ("ruff", "pytest"):
        assert importlib.util.find_spec(module) is not None, module
    _, module, *train_args = tasks["Train LeNet-5"]["args"]
    assert_parser_accepts(module, train_args)
    # The grading package (`course`) comes with its own issue; only the command is fixed here.
    assert tasks["Grade"]["args"] == ["-m", "course", "grade"]


def test_ruff_problem_matcher_reads_ruffs_output(
    read_jsonc: Callable[[Path], Any], tmp_path: Path
) -> None:
    """Run the task's ruff command on a file with one problem; the matcher must find it."""
    task = tasks_by_label(read_jsonc)["Lint: ruff check"]
    (tmp_path / "example.py").write_text("import os\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, *task["args"][:-1], "--isolated", "--select", "F401", "example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    pattern = task["problemMatcher"]["pattern"]
    matches = [
        match
        for line in result.stdout.splitlines()
        if (match := re.match(pattern["regexp"], line)) is not None
    ]
    assert len(matches) == 1, result.stdout
    (match,) = matches
    assert match.group(pattern["file"]) == "example.py"
    assert (match.group(pattern["line"]), match.group(pattern["column"])) == ("1", "8")
    assert match.group(pattern["code"]) == "F401"


# extensions.json


def test_recommended_extensions_are_the_containers_plus_dev_containers(
    read_jsonc: Callable[[Path], Any],
) -> None:
    recommended = read_jsonc(VSCODE / "extensions.json")["recommendations"]
    assert len(recommended) == len(set(recommended))
    for config in sorted((REPO_ROOT / ".devcontainer").glob("*/devcontainer.json")):
        in_container = read_jsonc(config)["customizations"]["vscode"]["extensions"]
        # Dev Containers runs on the student's machine to open the container, not inside it.
        assert set(recommended) - set(in_container) == {"ms-vscode-remote.remote-containers"}
        assert set(in_container) <= set(recommended), config


# The JSON-with-comments reader the tests above rely on


def test_jsonc_reader_allows_comments_and_trailing_commas(
    parse_jsonc: Callable[[str], Any],
) -> None:
    text = (
        '{\n  // a comment\n  "url": "https://example.org/*x*/", /* block */\n  "list": [1, 2,],\n}'
    )
    assert parse_jsonc(text) == {"url": "https://example.org/*x*/", "list": [1, 2]}
    assert parse_jsonc('{"quote": "a \\" // b", }') == {"quote": 'a " // b'}


@pytest.mark.parametrize("text", ["{'single': 1}", "{unquoted: 1}", '{"a": 1 /* open'])
def test_jsonc_reader_rejects_what_vscode_rejects(
    parse_jsonc: Callable[[str], Any], text: str
) -> None:
    with pytest.raises(ValueError, match=r"line 1"):
        parse_jsonc(text)

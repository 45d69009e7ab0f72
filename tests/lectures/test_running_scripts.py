"""Lecture scripts run as files, as modules, and cell by cell as in the Interactive Window."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lecture_code.common.errors import run_main
from lecture_code.l01_intro import lenet5_mnist
from lecture_code.l09_mlp import mlp_mnist

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(
    path
    for folder in ("l03", "l04", "l05", "l06", "l08", "l09")
    for path in (REPO_ROOT / "lecture_code").glob(f"{folder}_*/*.py")
    if path.name != "__init__.py"
)


def run_python(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    environment.pop("PYTHONPATH", None)  # the file must make the repository importable itself
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_all_lecture_scripts_are_found() -> None:
    assert len(SCRIPTS) == 13


def test_a_script_runs_as_a_file_from_another_folder(tmp_path: Path) -> None:
    script = REPO_ROOT / "lecture_code" / "l03_perceptron" / "perceptron.py"
    result = run_python(str(script), "--out", str(tmp_path / "run"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "converged" in result.stdout
    assert (tmp_path / "run" / "metrics.json").is_file()


def test_a_script_runs_as_a_module(tmp_path: Path) -> None:
    result = run_python(
        "-m",
        "lecture_code.l09_mlp.mlp_mnist",
        "--smoke",
        "--epochs",
        "1",
        "--out",
        str(tmp_path / "run"),
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "test accuracy" in result.stdout
    assert (tmp_path / "run" / "accuracy.png").is_file()


def test_a_bad_flag_is_one_line_and_exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        mlp_mnist.parse_args(["--lr", "-1"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_missing_dataset_offline_is_one_line_and_exit_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("torchvision.datasets.MNIST.mirrors", ["http://127.0.0.1:9/"])
    status = run_main(mlp_mnist.main, ["--data-dir", str(tmp_path), "--out", str(tmp_path / "r")])
    assert status == 2
    assert "--smoke needs no data" in capsys.readouterr().err


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.stem)
def test_every_script_is_divided_into_cells_and_documented(script: Path) -> None:
    source = script.read_text(encoding="utf-8")
    assert source.count("\n# %%") >= 4
    assert "What to expect" in source
    assert 'if __name__ == "__main__":\n    run_script(main)' in source


@pytest.mark.usefixtures("as_jupyter_kernel")
@pytest.mark.parametrize(
    "script", ["l03_perceptron/perceptron.py", "l06_autograd/adaline_autograd.py"]
)
def test_cells_run_top_to_bottom_like_the_interactive_window(
    script: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cells: Callable[[Path], dict[str, Any]],
) -> None:
    monkeypatch.chdir(tmp_path)  # the defaults write into runs/ under the working folder
    namespace = run_cells(REPO_ROOT / "lecture_code" / script)
    assert "main" in namespace
    (run_dir,) = (tmp_path / "runs").iterdir()
    assert (run_dir / "metrics.json").is_file()


@pytest.mark.usefixtures("as_jupyter_kernel")
@pytest.mark.parametrize("script", [mlp_mnist, lenet5_mnist], ids=lambda module: module.__name__)
def test_mnist_script_cells_run_with_defaults_on_local_mnist_files(
    script: ModuleType,
    tmp_path: Path,
    mnist_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cells: Callable[[Path], dict[str, Any]],
    read_metrics: Callable[[Path], dict[str, Any]],
) -> None:
    (tmp_path / "data").symlink_to(mnist_dir, target_is_directory=True)
    monkeypatch.chdir(tmp_path)  # the default --data-dir is data/ under the working folder
    run_cells(Path(script.__file__))
    (run_dir,) = (tmp_path / "runs").iterdir()
    metrics = read_metrics(run_dir)
    assert metrics["config"]["smoke"] is False
    assert len(metrics["epochs"]) == script.DEFAULTS.epochs

"""The LeNet-5 trainer as a student runs it: outputs, the real loader, resume, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from torchvision import datasets

from lecture_code.common.errors import run_main
from lecture_code.l01_intro import lenet5_mnist
from lecture_code.l01_intro.lenet5_mnist import main

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "lecture_code" / "l01_intro" / "lenet5_mnist.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
QUICK = ["--epochs", "2", "--batch-size", "64", "--device", "cpu"]


@pytest.fixture(autouse=True)
def _restore_determinism_setting() -> Iterator[None]:
    """``--deterministic`` switches a process-wide flag; keep it from leaking into other tests."""
    enabled = torch.are_deterministic_algorithms_enabled()
    yield
    torch.use_deterministic_algorithms(enabled)


def run_trainer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the trainer in-process as its command line would; return (status, stdout, stderr)."""
    try:
        status = run_main(main, argv)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def run_script(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": ""},
        check=False,
    )


def assert_one_line_error(status: int, err: str, *fragments: str) -> None:
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{err}"
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize(
    "invocation",
    [[str(SCRIPT)], ["-m", "lecture_code.l01_intro.lenet5_mnist"]],
    ids=["as-file", "as-module"],
)
def test_smoke_run_writes_every_output(invocation: list[str], tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = run_script(*invocation, "--smoke", "--epochs", "3", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    epoch_lines = [line for line in result.stdout.splitlines() if line.startswith("epoch")]
    assert len(epoch_lines) == 3
    assert all(
        "train loss" in line and "valid acc" in line and "img/s" in line for line in epoch_lines
    )
    assert "test accuracy" in result.stdout
    assert "training:" not in result.stderr, "no progress bar when not attached to a terminal"

    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["config"]["epochs"] == 3
    assert metrics["config"]["smoke"] is True
    assert metrics["device"].startswith("CPU")
    assert set(metrics["versions"]) >= {"python", "torch", "torchvision", "numpy"}
    assert [epoch["epoch"] for epoch in metrics["epochs"]] == [1, 2, 3]
    for epoch in metrics["epochs"]:
        assert set(epoch) == {"epoch", "train_loss", "train_accuracy", "valid_accuracy", "seconds"}
        assert 0 <= epoch["train_accuracy"] <= 1
        assert 0 <= epoch["valid_accuracy"] <= 1
        assert epoch["seconds"] > 0
    assert metrics["epochs"][-1]["train_loss"] < metrics["epochs"][0]["train_loss"]
    assert 0.8 < metrics["test_accuracy"] <= 1, (
        "synthetic digits are easy: training must learn them"
    )

    for plot in ("loss.png", "accuracy.png"):
        assert (out / plot).read_bytes().startswith(PNG_SIGNATURE)
    checkpoint = torch.load(out / "checkpoint.pt", weights_only=True)
    assert checkpoint["epoch"] == 3
    assert set(checkpoint["model"]) == set(lenet5_mnist.LeNet5().state_dict())
    assert not [path.name for path in out.iterdir() if path.name.startswith(".")], (
        "temporary files left"
    )


def test_default_run_folder_is_new_and_timestamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        status, _out, err = run_trainer(["--smoke", "--epochs", "1"], capsys)
        assert status == 0, err
    runs = sorted(path.name for path in (tmp_path / "runs").iterdir())
    assert len(runs) == 2
    assert all(name.startswith("lenet5_mnist-20") for name in runs)
    assert all((tmp_path / "runs" / name / "metrics.json").is_file() for name in runs)


def test_reads_mnist_files_through_torchvision(
    mnist_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_trainer(
        [*QUICK, "--data-dir", str(mnist_dir), "--out", str(tmp_path)], capsys
    )
    assert status == 0, err
    assert "data: mnist, 540 training / 60 validation / 200 test images" in out
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["config"]["dataset"] == "mnist"
    assert metrics["test_accuracy"] > 0.5


def test_max_batches_limits_each_epoch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--smoke", *QUICK, "--max-batches", "2", "--out", str(tmp_path)]
    status, _, err = run_trainer(argv, capsys)
    assert status == 0, err
    checkpoint = torch.load(tmp_path / "checkpoint.pt", weights_only=True)
    assert checkpoint["batches_per_epoch"] == [2, 2]


def test_resuming_gives_the_same_weights_as_training_straight_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["--smoke", "--batch-size", "64", "--device", "cpu", "--deterministic", "--seed", "3"]
    straight, split = tmp_path / "straight", tmp_path / "split"
    assert run_trainer([*common, "--epochs", "2", "--out", str(straight)], capsys)[0] == 0
    assert run_trainer([*common, "--epochs", "1", "--out", str(split)], capsys)[0] == 0
    status, out, err = run_trainer(
        [*common, "--epochs", "2", "--resume", str(split / "checkpoint.pt")], capsys
    )
    assert status == 0, err
    assert "resuming after epoch 1" in out
    assert "epoch   1 |" not in out, "the resumed run must not repeat epoch 1"

    straight_state = torch.load(straight / "checkpoint.pt", weights_only=True)
    resumed_state = torch.load(split / "checkpoint.pt", weights_only=True)
    assert resumed_state["epoch"] == 2
    for name, tensor in straight_state["model"].items():
        assert torch.equal(tensor, resumed_state["model"][name]), name
    assert straight_state["losses"] == resumed_state["losses"]
    resumed_metrics = json.loads((split / "metrics.json").read_text())
    assert [epoch["epoch"] for epoch in resumed_metrics["epochs"]] == [1, 2]


def test_an_interrupted_save_keeps_the_previous_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_trainer(["--smoke", *QUICK, "--epochs", "1", "--out", str(tmp_path)], capsys)[0] == 0
    before = (tmp_path / "checkpoint.pt").read_bytes()

    def crash_midway(state: object, path: Path) -> None:
        Path(path).write_bytes(b"half a checkpoint")
        raise KeyboardInterrupt

    monkeypatch.setattr(torch, "save", crash_midway)
    status, _, err = run_trainer(
        ["--smoke", *QUICK, "--resume", str(tmp_path / "checkpoint.pt")], capsys
    )
    assert status == 130
    assert "--resume" in err
    assert (tmp_path / "checkpoint.pt").read_bytes() == before
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".")]


@pytest.mark.parametrize(
    ("flags", "fragments"),
    [
        (["--epochs", "0"], ["--epochs", "at least 1"]),
        (["--batch-size", "0"], ["--batch-size", "at least 1"]),
        (["--batch-size", "ten"], ["--batch-size", "whole number"]),
        (["--lr", "0"], ["--lr", "greater than 0"]),
        (["--lr", "-0.1"], ["--lr", "greater than 0"]),
        (["--lr", "nan"], ["--lr", "greater than 0"]),
        (["--max-batches", "0"], ["--max-batches", "at least 1"]),
        (["--device", "tpu"], ["--device", "invalid choice", "cuda"]),
        (["--dataset", "cifar"], ["--dataset", "invalid choice"]),
        (["--no-such-flag"], ["unrecognized arguments"]),
    ],
)
def test_invalid_flags_get_one_line(
    flags: list[str], fragments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_trainer(["--smoke", *flags], capsys)
    assert_one_line_error(status, err, *fragments, "--help")


@pytest.mark.parametrize("device", ["cuda", "mps"])
def test_unavailable_device_gets_one_line(
    device: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    available = torch.cuda.is_available() if device == "cuda" else torch.backends.mps.is_available()
    if available:
        pytest.skip(f"this machine has {device}")
    status, _, err = run_trainer(["--smoke", "--device", device, "--out", str(tmp_path)], capsys)
    assert_one_line_error(status, err, f"--device {device}", "--device cpu")


def test_offline_without_the_dataset_gets_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Point torchvision's download at a closed local port: the real download code runs and fails
    # exactly as it does offline, without this test ever reaching the internet.
    monkeypatch.setattr(datasets.MNIST, "mirrors", ["http://127.0.0.1:9/"])
    data_dir = tmp_path / "data"
    status, _, err = run_trainer(
        ["--data-dir", str(data_dir), "--out", str(tmp_path / "run")], capsys
    )
    assert_one_line_error(
        status, err, "could not be downloaded", "internet", str(data_dir / "MNIST" / "raw")
    )
    assert not (tmp_path / "run").exists(), "a failed start must leave no empty run folder"


def test_damaged_dataset_files_get_one_line(
    mnist_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "data"
    raw = damaged / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for source in (mnist_dir / "MNIST" / "raw").iterdir():
        (raw / source.name).write_bytes(source.read_bytes()[:1000])
    status, _, err = run_trainer(
        ["--data-dir", str(damaged), "--out", str(tmp_path / "run")], capsys
    )
    assert_one_line_error(status, err, "cannot be read", f"delete {raw.parent}")


def test_missing_checkpoint_gets_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_trainer(["--smoke", "--resume", str(tmp_path / "nope.pt")], capsys)
    assert_one_line_error(status, err, "does not exist")


def test_corrupt_checkpoint_gets_one_line_from_the_command_line(tmp_path: Path) -> None:
    corrupt = tmp_path / "checkpoint.pt"
    corrupt.write_bytes(b"not a checkpoint at all")
    result = run_script(str(SCRIPT), "--smoke", "--resume", str(corrupt))
    assert_one_line_error(result.returncode, result.stderr, "cannot read checkpoint", "earlier run")


def test_checkpoint_of_another_model_gets_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_trainer(["--smoke", *QUICK, "--epochs", "1", "--out", str(tmp_path)], capsys)[0] == 0
    checkpoint = torch.load(tmp_path / "checkpoint.pt", weights_only=True)
    checkpoint["model"] = torch.nn.Linear(784, 10).state_dict()
    torch.save(checkpoint, tmp_path / "other.pt")
    status, _, err = run_trainer(
        ["--smoke", *QUICK, "--resume", str(tmp_path / "other.pt")], capsys
    )
    assert_one_line_error(status, err, "does not match", "model")


def test_checkpoint_from_elsewhere_gets_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    torch.save({"weights": torch.zeros(3)}, tmp_path / "foreign.pt")
    status, _, err = run_trainer(["--smoke", "--resume", str(tmp_path / "foreign.pt")], capsys)
    assert_one_line_error(status, err, "not written by this script")


def test_unwritable_output_folder_gets_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status, _, err = run_trainer(["--smoke", "--out", str(blocker / "run")], capsys)
    assert_one_line_error(status, err, "cannot write the run folder", "--out")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_progress_bar_appears_on_a_terminal(tmp_path: Path) -> None:
    import fcntl  # POSIX only
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    # A new pseudo-terminal is 0x0 characters, which leaves tqdm no room to draw: make it 24x80.
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [
            sys.executable,
            str(SCRIPT),
            "--smoke",
            "--epochs",
            "1",
            "--batch-size",
            "8",
            "--out",
            str(tmp_path),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        cwd=REPO_ROOT,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(timeout=120) == 0
    assert b"training:" in shown
    assert b"batch/s" in shown or b"s/batch" in shown


def test_output_piped_into_a_reader_that_quits_early_ends_quietly(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--smoke", "--epochs", "3", "--out", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
    )
    assert process.stdout.readline().startswith(b"device:")
    process.stdout.close()  # like `| head -1`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) in (0, 1)
    assert "Traceback" not in stderr

"""Devices, seeding and random-state capture, the shared flags, metrics and plots."""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
import pytest
import torch

from lecture_code.common.checkpoint import load_checkpoint, save_checkpoint
from lecture_code.common.cli import ArgumentParser, positive_float, positive_int
from lecture_code.common.device import choose_device, describe_device
from lecture_code.common.errors import UserError
from lecture_code.common.metrics import EpochRecord, count_correct, write_metrics
from lecture_code.common.plots import plot_accuracy, plot_loss, running_average
from lecture_code.common.reproducibility import (
    capture_rng_state,
    restore_rng_state,
    seed_everything,
)


def draw_from_every_generator() -> tuple[float, float, list[float]]:
    return random.random(), float(np.random.rand()), torch.rand(3).tolist()  # noqa: NPY002


def test_auto_device_prefers_cuda_then_mps_then_cpu() -> None:
    expected = (
        "cuda"
        if torch.cuda.is_available()
        else "mps"
        if torch.backends.mps.is_available()
        else "cpu"
    )
    assert choose_device("auto").type == expected
    assert choose_device("cpu") == torch.device("cpu")
    assert describe_device(torch.device("cpu")).startswith("CPU (")


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_missing_cuda_is_a_user_error_naming_the_fix() -> None:
    with pytest.raises(UserError, match="--device cpu"):
        choose_device("cuda")


def test_seeding_repeats_every_generator() -> None:
    seed_everything(5)
    first = draw_from_every_generator()
    seed_everything(5)
    assert draw_from_every_generator() == first


def test_rng_state_survives_a_checkpoint(tmp_path: Path) -> None:
    seed_everything(9)
    save_checkpoint(tmp_path / "rng.pt", {"rng": capture_rng_state()})
    expected = draw_from_every_generator()
    draw_from_every_generator()
    restore_rng_state(load_checkpoint(tmp_path / "rng.pt")["rng"])
    assert draw_from_every_generator() == expected


@pytest.mark.parametrize(
    ("parse", "text", "value"), [(positive_int, "3", 3), (positive_float, "1e-3", 1e-3)]
)
def test_positive_numbers_parse(parse, text: str, value: float) -> None:
    assert parse(text) == value


@pytest.mark.parametrize(
    ("parse", "text"),
    [(positive_int, "0"), (positive_int, "1.5"), (positive_float, "0"), (positive_float, "inf-")],
)
def test_non_positive_numbers_are_rejected(parse, text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse(text)


def test_parser_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    parser = ArgumentParser(prog="demo")
    parser.add_argument("--epochs", type=positive_int)
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["--epochs", "-2"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err == "demo: error: argument --epochs: must be at least 1, got -2 (see --help)\n"


def test_count_correct() -> None:
    logits = torch.tensor([[2.0, 1.0], [0.0, 3.0], [5.0, 1.0]])
    assert count_correct(logits, torch.tensor([0, 1, 1])).item() == 2


def test_running_average() -> None:
    assert running_average([1, 2, 3, 4], window=2).tolist() == [1.0, 1.5, 2.5, 3.5]


def test_metrics_and_plots_are_written(tmp_path: Path) -> None:
    records = [
        EpochRecord(epoch, 1 / epoch, 0.5 + epoch / 10, 0.5 + epoch / 20, 1.0)
        for epoch in (1, 2, 3)
    ]
    write_metrics(
        tmp_path / "metrics.json",
        config={"lr": 0.1},
        device="CPU",
        epochs=records,
        test_accuracy=0.6,
    )
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["epochs"][1] == {
        "epoch": 2,
        "train_loss": 0.5,
        "train_accuracy": 0.7,
        "valid_accuracy": 0.6,
        "seconds": 1.0,
    }
    assert metrics["test_accuracy"] == 0.6
    plot_loss([3.0, 2.0, 1.5, 1.0, 0.8, 0.7], [2, 2, 2], tmp_path / "loss.png")
    plot_accuracy(records, tmp_path / "accuracy.png")
    for name in ("loss.png", "accuracy.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
    assert "valid acc 55.00%" in records[0].summary(1000.0)

"""Lecture 9: an MLP solves XOR where a linear model cannot; MLPs and the PNG Dataset train."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch

from lecture_code.common.errors import UserError, run_main
from lecture_code.l09_mlp import custom_dataset, mlp_mnist, xor


def test_mlp_solves_xor_where_the_linear_model_cannot(
    tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    xor.main(["--out", str(tmp_path)])

    metrics = read_metrics(tmp_path)
    assert metrics["mlp"]["train_accuracy"] == 1.0
    assert metrics["mlp"]["test_accuracy"] == 1.0
    assert metrics["linear"]["train_accuracy"] <= 0.8  # at best 3 of the 4 clusters
    assert metrics["linear"]["loss_per_epoch"][-1] > 0.5
    for name in ("loss.png", "boundary_linear.png", "boundary_mlp.png"):
        assert (tmp_path / name).stat().st_size > 0


def test_mlp_shapes_and_parameter_count() -> None:
    model = mlp_mnist.MultilayerPerceptron(activation="sigmoid")
    assert model(torch.zeros(3, 1, 28, 28)).shape == (3, 10)
    assert sum(p.numel() for p in model.parameters()) == 784 * 256 + 256 + 256 * 128 + 128 + 1290


@pytest.mark.parametrize(("activation", "loss"), [("relu", "cross-entropy"), ("sigmoid", "mse")])
def test_mlp_smoke_runs(
    tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]], activation: str, loss: str
) -> None:
    mlp_mnist.main(
        [
            "--smoke",
            "--epochs",
            "2",
            "--activation",
            activation,
            "--loss",
            loss,
            "--out",
            str(tmp_path),
        ]
    )
    metrics = read_metrics(tmp_path)
    assert len(metrics["epochs"]) == 2
    assert metrics["epochs"][1]["train_loss"] < metrics["epochs"][0]["train_loss"]
    assert metrics["test_accuracy"] > (0.9 if loss == "cross-entropy" else 0.15)
    for name in ("loss.png", "accuracy.png", "model.pt"):
        assert (tmp_path / name).stat().st_size > 0


def test_custom_dataset_exports_reads_and_trains(
    tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    arguments = ["--smoke", "--data-dir", str(tmp_path / "data"), "--epochs", "2"]
    custom_dataset.main([*arguments, "--limit", "400", "--out", str(tmp_path / "run")])

    folder = tmp_path / "data" / "synthetic-png"
    assert len(list((folder / "train").glob("*.png"))) == 400
    dataset = custom_dataset.PngDigits(folder / "test.csv", custom_dataset.image_transform())
    image, label = dataset[0]
    assert len(dataset) == 300
    assert image.shape == (1, 28, 28)
    assert image.dtype == torch.float32
    assert 0 <= label < 10
    metrics = read_metrics(tmp_path / "run")
    assert metrics["test_accuracy"] > 0.5
    assert len(metrics["epochs"]) == 2

    (folder / "train.csv").write_text("name\nx.png\n", encoding="utf-8")  # wrong columns
    assert run_main(custom_dataset.main, [*arguments, "--out", str(tmp_path / "run2")]) == 2


def test_a_missing_png_file_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "labels.csv").write_text("file,label\nmissing.png,3\n", encoding="utf-8")
    dataset = custom_dataset.PngDigits(tmp_path / "labels.csv", custom_dataset.image_transform())
    with pytest.raises(UserError, match="export the images afresh"):
        dataset[0]

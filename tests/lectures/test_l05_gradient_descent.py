"""Lecture 5: gradient descent finds the least-squares fit; ADALINE learns Iris."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lecture_code.common.errors import UserError
from lecture_code.common.iris import read_iris, two_class_iris
from lecture_code.l05_gradient_descent import adaline_sgd, linear_regression_gd


def test_iris_csv_holds_fishers_150_flowers() -> None:
    measurements, species = read_iris()
    assert measurements.shape == (150, 4)
    assert {name: species.count(name) for name in set(species)} == {
        "setosa": 50,
        "versicolor": 50,
        "virginica": 50,
    }
    assert measurements[0].tolist() == pytest.approx([5.1, 3.5, 1.4, 0.2])
    two = two_class_iris()
    assert two.features.shape == (100, 2)
    assert two.labels.bincount().tolist() == [50, 50]


def test_gradient_descent_approaches_least_squares(
    tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    linear_regression_gd.main(["--out", str(tmp_path)])

    metrics = read_metrics(tmp_path)
    exact = metrics["least_squares"]
    assert exact["weights"] == pytest.approx([3.0, -2.0], abs=0.1)
    assert exact["bias"] == pytest.approx(1.0, abs=0.1)
    full, mini = metrics["full-batch"], metrics["mini-batch"]
    assert mini["distance_to_least_squares"] < 0.1
    assert mini["distance_to_least_squares"] < full["distance_to_least_squares"] < 0.3
    for losses in (full["mse_per_epoch"], mini["mse_per_epoch"]):
        assert losses[-1] < losses[0]
        assert losses[-1] == pytest.approx(linear_regression_gd.NOISE_STD**2, abs=0.05)
    assert (tmp_path / "loss.png").stat().st_size > 0


def test_adaline_reaches_the_recorded_iris_accuracy(
    tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    adaline_sgd.main(["--out", str(tmp_path)])

    metrics = read_metrics(tmp_path)
    assert metrics["test_accuracy"] >= 29 / 30 - 1e-6  # the course's ~97%
    losses = metrics["training_mse_per_epoch"]
    assert len(losses) == 20
    assert losses[-1] < 0.5 * losses[0]
    assert (tmp_path / "loss.png").stat().st_size > 0
    assert (tmp_path / "decision_boundary.png").stat().st_size > 0


def test_a_damaged_iris_file_is_a_one_line_error(tmp_path: Path) -> None:
    damaged = tmp_path / "iris.csv"
    damaged.write_text("sepal_length,species\nnot a number,setosa\n", encoding="utf-8")
    with pytest.raises(UserError, match="restore it with `git checkout"):
        read_iris(damaged)

"""Lecture 3: the perceptron converges on separable data, in NumPy and PyTorch alike."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from lecture_code.common.toy_data import two_blobs
from lecture_code.l03_perceptron import perceptron, vectorization


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_toy_data_is_linearly_separable_with_a_margin(seed: int) -> None:
    features, labels = two_blobs(100, seed=seed)
    side = features.sum(dim=1) / math.sqrt(2)  # signed distance to the line x1 + x2 = 0
    assert features.shape == (100, 2)
    assert labels.bincount().tolist() == [50, 50]
    assert (side[labels == 1] > 0.25).all()
    assert (side[labels == 0] < -0.25).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_both_perceptrons_converge_to_the_same_weights(
    tmp_path: Path, seed: int, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    perceptron.main(["--seed", str(seed), "--out", str(tmp_path)])

    metrics = read_metrics(tmp_path)
    for name in ("numpy", "pytorch"):
        assert metrics[name]["converged"]
        assert metrics[name]["mistakes_per_epoch"][-1] == 0
        assert metrics[name]["test_accuracy"] >= 0.9
    assert metrics["numpy"]["weights"] == pytest.approx(metrics["pytorch"]["weights"])
    assert metrics["numpy"]["bias"] == metrics["pytorch"]["bias"]
    assert (tmp_path / "decision_boundary.png").stat().st_size > 0
    assert (tmp_path / "mistakes.png").stat().st_size > 0


def test_perceptron_updates_only_on_mistakes() -> None:
    model = perceptron.NumpyPerceptron(num_features=2)
    points = np.array([[1.0, 1.0], [-1.0, -1.0]], dtype=np.float32)
    assert model.train_epoch(points, np.array([1, 0])) == 1  # zero weights predict 0: one error
    weights = model.weights.copy()
    assert model.train_epoch(points, np.array([1, 0])) == 0
    assert (model.weights == weights).all()


def test_training_stops_at_max_epochs_on_data_that_cannot_be_separated() -> None:
    points = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])  # XOR
    mistakes = perceptron.train_until_converged(
        perceptron.TorchPerceptron(2), points, torch.tensor([0, 0, 1, 1]), max_epochs=7
    )
    assert len(mistakes) == 7
    assert mistakes[-1] > 0


def test_vectorised_dot_products_agree_with_the_loop(capsys: pytest.CaptureFixture[str]) -> None:
    products = vectorization.dot_products(10_000, seed=3)
    loop = products["Python loop"][1]
    assert all(math.isclose(value, loop, rel_tol=1e-9) for _, value in products.values())

    vectorization.main(["--size", "20000", "--repeats", "2"])
    output = capsys.readouterr().out
    print(output)  # the timings, for the curious; not asserted, they depend on the machine
    assert all(name in output for name in products)

"""Lecture 8: cross-entropy by hand equals PyTorch's; softmax regression both ways agrees."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
import torch.nn.functional as F

from lecture_code.l08_logistic_softmax import (
    cross_entropy,
    logistic_regression,
    softmax_regression_mnist,
)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hand_written_cross_entropy_equals_pytorch(seed: int) -> None:
    generator = torch.Generator().manual_seed(seed)
    logits = 3 * torch.randn(16, 10, generator=generator)
    labels = torch.randint(10, (16,), generator=generator)
    values = cross_entropy.all_cross_entropies(logits, labels)
    reference = F.cross_entropy(logits, labels).item()
    assert values == pytest.approx(dict.fromkeys(values, reference), rel=1e-5)
    torch.testing.assert_close(cross_entropy.softmax(logits), torch.softmax(logits, dim=1))


def test_only_the_literal_formula_overflows_on_large_logits() -> None:
    logits = torch.tensor([[1000.0, 0.0, -1000.0]])
    values = cross_entropy.all_cross_entropies(logits, torch.tensor([1]))
    assert math.isnan(values.pop("by hand, literal"))
    assert values == pytest.approx(dict.fromkeys(values, 1000.0))


def test_logistic_regression_gradient_and_accuracy(
    tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    logistic_regression.main(["--out", str(tmp_path)])

    metrics = read_metrics(tmp_path)
    assert metrics["gradients_agree_with_autograd"]
    assert metrics["test_accuracy"] >= 0.95
    losses = metrics["training_loss_per_epoch"]
    assert losses[0] < math.log(2)
    assert losses[-1] < 0.2
    assert (tmp_path / "decision_boundary.png").stat().st_size > 0


def test_hand_derived_softmax_gradient_matches_autograd() -> None:
    generator = torch.Generator().manual_seed(0)
    images = torch.randn(8, 1, 28, 28, generator=generator)
    labels = torch.randint(10, (8,), generator=generator)
    scratch = softmax_regression_mnist.SoftmaxRegressionFromScratch(784, 10, torch.device("cpu"))
    scratch.weights = 0.01 * torch.randn(10, 784, generator=generator)
    module = softmax_regression_mnist.SoftmaxRegression(784, 10)
    with torch.no_grad():
        module.linear.weight.copy_(scratch.weights)
    step = softmax_regression_mnist.module_train_step(
        module, torch.optim.SGD(module.parameters(), lr=0.5)
    )

    scratch_loss, _ = scratch.train_step(images, labels, lr=0.5)
    module_loss, _ = step(images, labels, 0.5)

    torch.testing.assert_close(scratch_loss, module_loss)
    torch.testing.assert_close(scratch.weights, module.linear.weight.detach())
    torch.testing.assert_close(scratch.bias, module.linear.bias.detach())


def test_both_implementations_learn_alike_from_real_mnist_files(
    tmp_path: Path, mnist_dir: Path, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    """torchvision's own MNIST reader runs on small IDX files; no download."""
    for implementation in ("scratch", "module"):
        softmax_regression_mnist.main(
            [
                "--data-dir",
                str(mnist_dir),
                "--epochs",
                "3",
                "--device",
                "cpu",
                "--implementation",
                implementation,
                "--out",
                str(tmp_path / implementation),
            ]
        )
    scratch, module = read_metrics(tmp_path / "scratch"), read_metrics(tmp_path / "module")
    assert scratch["config"]["dataset"] == "mnist"
    assert scratch["test_accuracy"] > 0.8
    for field in ("train_loss", "train_accuracy", "valid_accuracy"):
        assert [epoch[field] for epoch in scratch["epochs"]] == pytest.approx(
            [epoch[field] for epoch in module["epochs"]], rel=1e-3
        )
    for name in ("metrics.json", "loss.png", "accuracy.png"):
        assert (tmp_path / "scratch" / name).stat().st_size > 0


def test_smoke_run(tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]]) -> None:
    softmax_regression_mnist.main(["--smoke", "--epochs", "2", "--out", str(tmp_path)])
    metrics = read_metrics(tmp_path)
    assert len(metrics["epochs"]) == 2
    assert metrics["test_accuracy"] > 0.8

"""Lecture 3: Rosenblatt's perceptron, written once in NumPy and once in PyTorch, on 2-D toy data.

Run it as a file or as a module (from the repository root):

    python lecture_code/l03_perceptron/perceptron.py
    python -m lecture_code.l03_perceptron.perceptron --seed 7

The data are 100 points in two classes (two Gaussian clusters, generated from ``--seed`` and
linearly separable by construction); 70 train the perceptron and 30 test it. Each epoch prints
how many training points each implementation misclassified; the perceptron convergence theorem
promises that this reaches 0, and training stops there. Both implementations make the same
updates in the same order, so they end with the same weights.

What to expect: convergence within a few epochs, and 93-100% test accuracy depending on the seed
(100% with the default): the perceptron stops at the first line that separates the training
points, not at the one with the widest margin, so a test point near the gap can fall on the
wrong side. The run folder
(``--out``, default ``runs/perceptron-<time>/``) receives ``metrics.json``,
``decision_boundary.png`` (the learned line between the classes) and ``mistakes.png``.

To step through the learning rule, set a breakpoint on the ``error = ...`` line in
``NumpyPerceptron.train_epoch`` and watch ``weights`` change only when ``error`` is not 0.
Each ``# %%`` cell also runs on its own in VS Code's Interactive Window.
"""

# %% Imports
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if not __package__:  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
import torch

from lecture_code.common.cli import ArgumentParser, TrainingDefaults, add_optimisation_arguments
from lecture_code.common.files import prepare_run_dir
from lecture_code.common.interactive import run_script
from lecture_code.common.run_summary import config_from_args, write_summary
from lecture_code.common.toy_data import standardize, train_test_split, two_blobs
from lecture_code.common.toy_plots import plot_curves, plot_decision_boundary

DEFAULTS = TrainingDefaults(epochs=20, batch_size=1, lr=1.0, seed=1)


# %% The perceptron in NumPy
class NumpyPerceptron:
    """A perceptron: predicts 1 where ``x @ weights + bias > 0``, else 0.

    Its learning rule updates only on a mistake, by ``error * x`` with ``error = y - prediction``
    (+1 or -1). Starting from zero weights, a learning rate would only scale the weights, not
    change any prediction, so there is none.
    """

    def __init__(self, num_features: int) -> None:
        self.weights = np.zeros(num_features, dtype=np.float32)
        self.bias = np.float32(0.0)

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Class labels ``(N,)`` for points ``(N, num_features)``."""
        return (features @ self.weights + self.bias > 0).astype(np.int64)

    def train_epoch(self, features: np.ndarray, labels: np.ndarray) -> int:
        """One pass over the points in order, updating after each mistake; returns the mistakes."""
        mistakes = 0
        for point, label in zip(features, labels, strict=True):
            error = label - self.predict(point[np.newaxis])[0]
            self.weights += error * point
            self.bias += error
            mistakes += int(error != 0)
        return mistakes


# %% The same perceptron in PyTorch
class TorchPerceptron:
    """The perceptron of :class:`NumpyPerceptron`, with PyTorch tensors instead of arrays."""

    def __init__(self, num_features: int) -> None:
        self.weights = torch.zeros(num_features)
        self.bias = torch.zeros(())

    def predict(self, features: torch.Tensor) -> torch.Tensor:
        """Class labels ``(N,)`` for points ``(N, num_features)``."""
        return (features @ self.weights + self.bias > 0).long()

    def train_epoch(self, features: torch.Tensor, labels: torch.Tensor) -> int:
        """One pass over the points in order, updating after each mistake; returns the mistakes."""
        mistakes = 0
        for point, label in zip(features, labels, strict=True):
            error = label - self.predict(point.unsqueeze(0))[0]
            self.weights += error * point
            self.bias += error
            mistakes += int(error != 0)
        return mistakes


def train_until_converged(
    perceptron: NumpyPerceptron | TorchPerceptron, features, labels, max_epochs: int
) -> list[int]:
    """Train for up to ``max_epochs``, stopping after the first epoch without a mistake.

    Returns the number of mistakes in each epoch trained.
    """
    mistakes_per_epoch: list[int] = []
    for _ in range(max_epochs):
        mistakes_per_epoch.append(perceptron.train_epoch(features, labels))
        if mistakes_per_epoch[-1] == 0:
            break
    return mistakes_per_epoch


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="The perceptron in NumPy and PyTorch (lecture 3).")
    add_optimisation_arguments(parser, DEFAULTS, minibatches=False, learning_rate=False)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    out = prepare_run_dir(args.out, "perceptron")
    features, labels = two_blobs(100, seed=args.seed)
    (train_x, train_y), (test_x, test_y) = train_test_split(
        features, labels, test_fraction=0.3, seed=args.seed
    )
    train_x, test_x = standardize(train_x, test_x)
    print(f"data: {len(train_y)} training / {len(test_y)} test points | run folder: {out}")

    numpy_perceptron = NumpyPerceptron(num_features=2)
    numpy_mistakes = train_until_converged(
        numpy_perceptron, train_x.numpy(), train_y.numpy(), args.epochs
    )
    torch_perceptron = TorchPerceptron(num_features=2)
    torch_mistakes = train_until_converged(torch_perceptron, train_x, train_y, args.epochs)
    for epoch, (numpy_count, torch_count) in enumerate(
        zip(numpy_mistakes, torch_mistakes, strict=False), start=1
    ):
        print(f"epoch {epoch:3d} | mistakes: NumPy {numpy_count:3d} | PyTorch {torch_count:3d}")

    results = {}
    for name, perceptron, test_predictions, mistakes in (
        (
            "numpy",
            numpy_perceptron,
            torch.from_numpy(numpy_perceptron.predict(test_x.numpy())),
            numpy_mistakes,
        ),
        ("pytorch", torch_perceptron, torch_perceptron.predict(test_x), torch_mistakes),
    ):
        test_accuracy = (test_predictions == test_y).float().mean().item()
        results[name] = {
            "epochs": len(mistakes),
            "converged": mistakes[-1] == 0,
            "mistakes_per_epoch": mistakes,
            "weights": [float(value) for value in perceptron.weights],
            "bias": float(perceptron.bias),
            "test_accuracy": test_accuracy,
        }
        state = "converged" if mistakes[-1] == 0 else "did not converge"
        print(
            f"{name}: {state} after {len(mistakes)} epochs | weights {results[name]['weights']} "
            f"bias {results[name]['bias']:.1f} | test accuracy {test_accuracy:.2%}"
        )

    write_summary(out / "metrics.json", config_from_args(args), results)
    plot_decision_boundary(
        torch_perceptron.predict,
        torch.cat([train_x, test_x]),
        torch.cat([train_y, test_y]),
        out / "decision_boundary.png",
        title="Perceptron: decision boundary",
    )
    plot_curves(
        {"NumPy": numpy_mistakes, "PyTorch": torch_mistakes},
        out / "mistakes.png",
        title="Perceptron mistakes per epoch",
        ylabel="misclassified training points",
    )
    print(f"wrote metrics.json, decision_boundary.png and mistakes.png to {out}")


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

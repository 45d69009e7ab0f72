"""Lecture 5: linear regression fitted by gradient descent, full-batch and mini-batch.

Run it as a file or as a module (from the repository root):

    python lecture_code/l05_gradient_descent/linear_regression_gd.py
    python -m lecture_code.l05_gradient_descent.linear_regression_gd --batch-size 8 --lr 0.02

The data: 1,000 points with two standardised features and a target ``y = 3 x1 - 2 x2 + 1`` plus
Gaussian noise (standard deviation 0.5), generated from ``--seed``. The same linear model is fitted
twice from the same starting weights, with gradients of the mean squared error derived by hand:
full-batch gradient descent takes one step per epoch on all points; mini-batch gradient descent
takes a step for every ``--batch-size`` points, in a fresh random order each epoch. Both are
compared with the exact least-squares solution.

What to expect: with the defaults (30 epochs, batches of 32, learning rate 0.05) the mini-batch
version reaches the least-squares weights (about 3, -2 and 1) within a few epochs, while the
full-batch version, with the same learning rate but 32 times fewer steps, is still on its way;
both losses approach the noise's variance, 0.25. The run folder (``--out``, default
``runs/linear_regression_gd-<time>/``) receives ``metrics.json`` and ``loss.png``.

Set a breakpoint on the ``gradient_weights = ...`` line in ``gradient_step`` to watch one step.
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

import torch

from lecture_code.common.cli import ArgumentParser, TrainingDefaults, add_optimisation_arguments
from lecture_code.common.data import TensorSplit, epoch_generator, shuffled_batches
from lecture_code.common.files import prepare_run_dir
from lecture_code.common.interactive import run_script
from lecture_code.common.run_summary import config_from_args, write_summary
from lecture_code.common.toy_plots import plot_curves

DEFAULTS = TrainingDefaults(epochs=30, batch_size=32, lr=0.05, seed=1)
TRUE_WEIGHTS, TRUE_BIAS, NOISE_STD = (3.0, -2.0), 1.0, 0.5


# %% The data and the exact solution
def regression_data(count: int, seed: int) -> TensorSplit:
    """``count`` points: standard-normal features ``(count, 2)`` and noisy linear targets."""
    generator = torch.Generator().manual_seed(seed)
    features = torch.randn(count, 2, generator=generator)
    noise = NOISE_STD * torch.randn(count, generator=generator)
    return TensorSplit(features, features @ torch.tensor(TRUE_WEIGHTS) + TRUE_BIAS + noise)


def least_squares(data: TensorSplit) -> tuple[torch.Tensor, float]:
    """The weights and bias minimising the mean squared error exactly (the normal equations)."""
    with_ones = torch.cat([data.images, torch.ones(len(data), 1)], dim=1)
    solution = torch.linalg.lstsq(with_ones, data.labels.unsqueeze(1)).solution.squeeze(1)
    return solution[:-1], solution[-1].item()


# %% The model and one gradient-descent step
class LinearRegression:
    """``prediction = x @ weights + bias``, started from zero."""

    def __init__(self, num_features: int) -> None:
        self.weights = torch.zeros(num_features)
        self.bias = torch.zeros(())

    def predict(self, features: torch.Tensor) -> torch.Tensor:
        """Predictions ``(N,)`` for examples ``(N, num_features)``."""
        return features @ self.weights + self.bias

    def mean_squared_error(self, data: TensorSplit) -> float:
        """The loss on all of ``data``."""
        return (data.labels - self.predict(data.images)).pow(2).mean().item()

    def gradient_step(self, features: torch.Tensor, targets: torch.Tensor, lr: float) -> None:
        """Move against the gradient of the mean squared error on ``features``.

        ``d loss / d weights = -2 x^T (y - prediction) / n``; ``d loss / d bias = -2 mean(...)``.
        """
        errors = targets - self.predict(features)
        gradient_weights = -2 * features.T @ errors / len(targets)
        gradient_bias = -2 * errors.mean()
        self.weights -= lr * gradient_weights
        self.bias -= lr * gradient_bias


def fit(
    data: TensorSplit, batch_size: int, epochs: int, lr: float, seed: int
) -> tuple[LinearRegression, list[float]]:
    """Fit by gradient descent on batches of ``batch_size`` (all of ``data``: full-batch).

    Returns the model and its loss on ``data`` after each epoch.
    """
    model = LinearRegression(num_features=data.images.shape[1])
    losses = []
    for epoch in range(1, epochs + 1):
        for features, targets in shuffled_batches(data, batch_size, epoch_generator(seed, epoch)):
            model.gradient_step(features, targets, lr)
        losses.append(model.mean_squared_error(data))
    return model, losses


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="Linear regression by gradient descent (lecture 5).")
    add_optimisation_arguments(parser, DEFAULTS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    out = prepare_run_dir(args.out, "linear_regression_gd")
    data = regression_data(1000, seed=args.seed)
    exact_weights, exact_bias = least_squares(data)
    print(
        f"least squares: weights {[round(w, 4) for w in exact_weights.tolist()]} "
        f"bias {exact_bias:.4f} | run folder: {out}"
    )

    results, curves = {}, {}
    for name, batch_size in (("full-batch", len(data)), ("mini-batch", args.batch_size)):
        model, losses = fit(data, batch_size, args.epochs, args.lr, args.seed)
        distance = torch.linalg.vector_norm(
            torch.cat([model.weights - exact_weights, (model.bias - exact_bias).reshape(1)])
        ).item()
        steps = args.epochs * -(-len(data) // batch_size)
        print(
            f"{name:10s}: {steps:5d} steps | MSE {losses[-1]:.4f} | weights "
            f"{[round(w, 4) for w in model.weights.tolist()]} bias {model.bias.item():.4f} | "
            f"distance to least squares {distance:.4f}"
        )
        results[name] = {
            "steps": steps,
            "mse_per_epoch": losses,
            "weights": model.weights.tolist(),
            "bias": model.bias.item(),
            "distance_to_least_squares": distance,
        }
        curves[f"{name} gradient descent"] = losses
    results["least_squares"] = {"weights": exact_weights.tolist(), "bias": exact_bias}

    write_summary(out / "metrics.json", config_from_args(args), results)
    plot_curves(curves, out / "loss.png", title="Linear regression", ylabel="mean squared error")
    print(f"wrote metrics.json and loss.png to {out}")


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

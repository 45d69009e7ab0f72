"""Lecture 6: ADALINE three ways: manual, semi-manual and fully automatic gradients, shown to agree.

Run it as a file or as a module (from the repository root):

    python lecture_code/l06_autograd/adaline_autograd.py
    python -m lecture_code.l06_autograd.adaline_autograd --epochs 5

Lecture 5's ADALINE (Iris versicolor against virginica, petal length and width) is trained three
times from the same starting weights on the same minibatches:

- **manual**: the gradients derived by hand: lecture 5's ``Adaline``, imported from there;
- **semi-manual**: ``torch.autograd.grad`` computes the gradients, the update is still written out;
- **automatic**: ``nn.Linear``, ``F.mse_loss``, ``loss.backward()`` and ``torch.optim.SGD``, the
  form every later network is trained in.

What to expect: the three loss curves lie on top of each other and the final weights agree to
about 1e-6 (float32 rounding); test accuracy 96.7% for all three, as in lecture 5. The run folder
(``--out``, default ``runs/adaline_autograd-<time>/``) receives ``metrics.json`` and ``loss.png``.

To compare the variants step by step, set breakpoints on the ``loss = ...`` lines here and on
the ``errors = ...`` line of ``Adaline.train_step`` in lecture 5's script. Each ``# %%`` cell
also runs on its own in VS Code's Interactive Window.
"""

# %% Imports
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

if not __package__:  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import torch
import torch.nn.functional as F
from torch import nn

from lecture_code.common.cli import ArgumentParser, TrainingDefaults, add_optimisation_arguments
from lecture_code.common.data import TensorSplit, epoch_generator, shuffled_batches
from lecture_code.common.files import prepare_run_dir
from lecture_code.common.interactive import run_script
from lecture_code.common.reproducibility import seed_everything
from lecture_code.common.run_summary import config_from_args, write_summary
from lecture_code.common.toy_plots import plot_curves
from lecture_code.l05_gradient_descent.adaline_sgd import Adaline, iris_splits

DEFAULTS = TrainingDefaults(epochs=20, batch_size=10, lr=0.01, seed=1)


# %% Semi-manual: autograd computes the gradients, we write the update
class SemiManualAdaline:
    """ADALINE whose parameters ``requires_grad``; gradients from ``torch.autograd.grad``."""

    def __init__(self, weights: torch.Tensor, bias: torch.Tensor) -> None:
        self.weights = weights.clone().requires_grad_()
        self.bias = bias.clone().requires_grad_()

    def net_input(self, features: torch.Tensor) -> torch.Tensor:
        """The unit's output ``(N,)``."""
        return features @ self.weights + self.bias

    def train_step(self, features: torch.Tensor, labels: torch.Tensor, lr: float) -> float:
        """One step: the loss by formula, its gradients by autograd, the update by hand."""
        loss = torch.mean((labels - self.net_input(features)) ** 2)
        gradient_weights, gradient_bias = torch.autograd.grad(loss, [self.weights, self.bias])
        with torch.no_grad():  # the update itself must not become part of the graph
            self.weights -= lr * gradient_weights
            self.bias -= lr * gradient_bias
        return loss.item()


# %% Automatic: a module, a loss function, backward() and an optimizer
class AutomaticAdaline(nn.Module):
    """ADALINE as every later PyTorch model is written: an ``nn.Linear`` with one output."""

    def __init__(self, weights: torch.Tensor, bias: torch.Tensor) -> None:
        super().__init__()
        self.linear = nn.Linear(len(weights), 1)
        with torch.no_grad():
            self.linear.weight.copy_(weights.unsqueeze(0))
            self.linear.bias.copy_(bias.reshape(1))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """The unit's output ``(N,)``."""
        return self.linear(features).squeeze(1)


def automatic_step(
    model: AutomaticAdaline, optimizer: torch.optim.Optimizer
) -> Callable[[torch.Tensor, torch.Tensor, float], float]:
    """A ``train_step(features, labels, lr)`` for the automatic variant (``lr`` is in the
    optimizer already)."""

    def train_step(features: torch.Tensor, labels: torch.Tensor, _lr: float) -> float:
        loss = F.mse_loss(model(features), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    return train_step


# %% Training, identical for the three
def train(
    train_step: Callable[[torch.Tensor, torch.Tensor, float], float],
    data: TensorSplit,
    args: argparse.Namespace,
) -> list[float]:
    """Run ``args.epochs`` epochs of minibatch SGD; returns each epoch's mean minibatch loss."""
    epoch_losses = []
    for epoch in range(1, args.epochs + 1):
        batches = shuffled_batches(data, args.batch_size, epoch_generator(args.seed, epoch))
        losses = [train_step(features, labels, args.lr) for features, labels in batches]
        epoch_losses.append(sum(losses) / len(losses))
    return epoch_losses


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="ADALINE with manual vs automatic gradients (lecture 6).")
    add_optimisation_arguments(parser, DEFAULTS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    seed_everything(args.seed)
    out = prepare_run_dir(args.out, "adaline_autograd")
    train_data, test_data, _ = iris_splits()
    print(f"data: {len(train_data)} training / {len(test_data)} test flowers | run folder: {out}")

    manual = Adaline(num_features=train_data.images.shape[1])
    semi_manual = SemiManualAdaline(manual.weights, manual.bias)
    automatic = AutomaticAdaline(manual.weights, manual.bias)
    optimizer = torch.optim.SGD(automatic.parameters(), lr=args.lr)
    variants = {
        "manual": (manual.train_step, manual.net_input),
        "semi-manual": (semi_manual.train_step, semi_manual.net_input),
        "automatic": (automatic_step(automatic, optimizer), automatic),
    }

    results, curves = {}, {}
    for name, (train_step, net_input) in variants.items():
        curves[name] = train(train_step, train_data, args)
        with torch.no_grad():
            predictions = (net_input(test_data.images) > 0.5).float()
        results[name] = {
            "loss_per_epoch": curves[name],
            "test_accuracy": (predictions == test_data.labels).float().mean().item(),
        }
        print(
            f"{name:12s}: final loss {curves[name][-1]:.6f} | "
            f"test accuracy {results[name]['test_accuracy']:.2%}"
        )

    parameters = {
        "manual": torch.cat([manual.weights, manual.bias.reshape(1)]),
        "semi-manual": torch.cat([semi_manual.weights, semi_manual.bias.reshape(1)]).detach(),
        "automatic": torch.cat([automatic.linear.weight[0], automatic.linear.bias]).detach(),
    }
    for name, values in parameters.items():
        difference = (values - parameters["manual"]).abs().max().item()
        results[name] |= {"parameters": values.tolist(), "max_difference_to_manual": difference}
        print(
            f"{name:12s}: weights and bias {[round(v, 6) for v in values.tolist()]} | "
            f"largest difference to manual {difference:.1e}"
        )

    write_summary(out / "metrics.json", config_from_args(args), results)
    plot_curves(
        curves,
        out / "loss.png",
        title="ADALINE: three ways to the same gradients",
        ylabel="mean squared error (minibatch mean)",
    )
    print(f"wrote metrics.json and loss.png to {out}")


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

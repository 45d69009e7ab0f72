"""Lecture 9: XOR, the problem a linear model cannot solve and a hidden layer can.

Run it as a file or as a module (from the repository root):

    python lecture_code/l09_mlp/xor.py
    python -m lecture_code.l09_mlp.xor --epochs 50

The data: 200 points in four noisy clusters at the corners of the unit square, class 1 where
exactly one coordinate is high (the exclusive or), generated from ``--seed``; 140 train and 60
test. Two models are trained the same way (minibatch SGD with momentum on the cross-entropy):
softmax regression, whose decision boundary is a straight line, and an MLP with one hidden
layer of 16 ReLU units, whose boundary can bend.

What to expect: the linear model stays near 50-75% accuracy (no line puts (0,1) and (1,0) on one
side and (0,0) and (1,1) on the other, so at best it gets three clusters of four right), while
the MLP reaches 100% within the default 100 epochs. The run folder (``--out``, default
``runs/xor-<time>/``) receives ``metrics.json``, ``loss.png`` and the two decision boundaries,
``boundary_linear.png`` and ``boundary_mlp.png``.

Set a breakpoint on the ``loss = ...`` line in ``train`` to compare the two models' steps. Each
``# %%`` cell also runs on its own in VS Code's Interactive Window.
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
from lecture_code.common.toy_data import train_test_split
from lecture_code.common.toy_plots import plot_curves, plot_decision_boundary

DEFAULTS = TrainingDefaults(epochs=100, batch_size=16, lr=0.1, seed=1)


# %% The data: four clusters, labelled by exclusive or
def xor_data(count: int, seed: int, noise: float = 0.15) -> tuple[torch.Tensor, torch.Tensor]:
    """``count`` points ``(count, 2)`` around the corners of the unit square, centred on 0, and
    labels ``x1 XOR x2`` ``(count,)``."""
    generator = torch.Generator().manual_seed(seed)
    corners = torch.randint(2, (count, 2), generator=generator)
    labels = corners[:, 0] ^ corners[:, 1]
    points = corners.float() - 0.5 + noise * torch.randn(count, 2, generator=generator)
    return points, labels


# %% The two models
def linear_model() -> nn.Module:
    """Softmax regression: two logits, each a linear function of the two inputs."""
    return nn.Linear(2, 2)


def multilayer_perceptron(hidden_units: int = 16) -> nn.Module:
    """One hidden layer of ReLU units between the inputs and the two logits."""
    return nn.Sequential(nn.Linear(2, hidden_units), nn.ReLU(), nn.Linear(hidden_units, 2))


def train(model: nn.Module, data: TensorSplit, args: argparse.Namespace) -> list[float]:
    """Minibatch SGD with momentum on the cross-entropy; returns the training loss per epoch."""
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    losses = []
    for epoch in range(1, args.epochs + 1):
        for points, labels in shuffled_batches(
            data, args.batch_size, epoch_generator(args.seed, epoch)
        ):
            loss = F.cross_entropy(model(points), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            losses.append(F.cross_entropy(model(data.images), data.labels).item())
    return losses


def predict(model: nn.Module) -> Callable[[torch.Tensor], torch.Tensor]:
    """A function from points to the class ``model`` gives the larger logit."""
    return lambda points: model(points).argmax(dim=1)


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="XOR: a linear model against an MLP (lecture 9).")
    add_optimisation_arguments(parser, DEFAULTS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    seed_everything(args.seed)
    out = prepare_run_dir(args.out, "xor")
    points, labels = xor_data(200, seed=args.seed)
    (train_x, train_y), (test_x, test_y) = train_test_split(points, labels, 0.3, args.seed)
    train_data = TensorSplit(train_x, train_y)
    print(f"data: {len(train_y)} training / {len(test_y)} test points | run folder: {out}")

    results, curves = {}, {}
    for name, model in (("linear", linear_model()), ("mlp", multilayer_perceptron())):
        curves[name] = train(model, train_data, args)
        with torch.no_grad():
            accuracies = {
                split: (model(x).argmax(dim=1) == y).float().mean().item()
                for split, x, y in (("train", train_x, train_y), ("test", test_x, test_y))
            }
        results[name] = {
            "loss_per_epoch": curves[name],
            "train_accuracy": accuracies["train"],
            "test_accuracy": accuracies["test"],
        }
        print(
            f"{name:6s}: final loss {curves[name][-1]:.4f} | train acc {accuracies['train']:.2%} "
            f"| test acc {accuracies['test']:.2%}"
        )
        plot_decision_boundary(
            predict(model),
            points,
            labels,
            out / f"boundary_{name}.png",
            title=f"XOR: {'linear model' if name == 'linear' else 'MLP, 16 hidden units'}",
        )

    write_summary(out / "metrics.json", config_from_args(args), results)
    plot_curves(curves, out / "loss.png", title="XOR", ylabel="cross-entropy")
    print(f"wrote metrics.json, loss.png, boundary_linear.png and boundary_mlp.png to {out}")


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

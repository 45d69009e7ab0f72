"""Lecture 8: logistic regression on 2-D toy data, its gradient by hand and checked by autograd.

Run it as a file or as a module (from the repository root):

    python lecture_code/l08_logistic_softmax/logistic_regression.py
    python -m lecture_code.l08_logistic_softmax.logistic_regression --lr 0.5 --epochs 50

Logistic regression is ADALINE with a sigmoid activation and the negative log-likelihood (binary
cross-entropy) as its loss: ``p = sigmoid(x @ w + b)`` is the probability of class 1. Its
gradient is as simple as ADALINE's: ``d loss / d w = x^T (p - y) / n``. The script trains it by
minibatch gradient descent on the perceptron's toy data (100 points, two classes, from
``--seed``; 70 for training, 30 for testing) and checks the hand-derived gradient against
autograd's on the first batch.

What to expect: the loss falls from 0.69 (``ln 2``: a coin flip) towards 0.1, and test accuracy
reaches 97-100%. The run folder (``--out``, default ``runs/logistic_regression-<time>/``)
receives ``metrics.json``, ``loss.png`` and ``decision_boundary.png``.

Set a breakpoint on the ``probabilities = ...`` line in ``LogisticRegression.train_step`` to
step through one update. Each ``# %%`` cell also runs on its own in VS Code's Interactive Window.
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
import torch.nn.functional as F

from lecture_code.common.cli import ArgumentParser, TrainingDefaults, add_optimisation_arguments
from lecture_code.common.data import TensorSplit, epoch_generator, shuffled_batches
from lecture_code.common.files import prepare_run_dir
from lecture_code.common.interactive import run_script
from lecture_code.common.run_summary import config_from_args, write_summary
from lecture_code.common.toy_data import standardize, train_test_split, two_blobs
from lecture_code.common.toy_plots import plot_curves, plot_decision_boundary

DEFAULTS = TrainingDefaults(epochs=30, batch_size=10, lr=0.1, seed=1)


# %% Logistic regression with its gradient derived by hand
class LogisticRegression:
    """``p(class 1 | x) = sigmoid(x @ weights + bias)``, trained on the binary cross-entropy."""

    def __init__(self, num_features: int) -> None:
        self.weights = torch.zeros(num_features)
        self.bias = torch.zeros(())

    def probabilities(self, features: torch.Tensor) -> torch.Tensor:
        """The probability of class 1 for each example ``(N,)``."""
        return torch.sigmoid(features @ self.weights + self.bias)

    def predict(self, features: torch.Tensor) -> torch.Tensor:
        """Class labels ``(N,)``: 1 where class 1 is the more probable."""
        return (self.probabilities(features) > 0.5).long()

    def loss(self, data: TensorSplit) -> float:
        """The binary cross-entropy on all of ``data``."""
        return F.binary_cross_entropy(self.probabilities(data.images), data.labels).item()

    def gradients(
        self, features: torch.Tensor, labels: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """``d loss / d weights = x^T (p - y) / n`` and ``d loss / d bias = mean(p - y)``."""
        probabilities = self.probabilities(features)
        errors = probabilities - labels
        return features.T @ errors / len(labels), errors.mean()

    def train_step(self, features: torch.Tensor, labels: torch.Tensor, lr: float) -> None:
        """One step of gradient descent on a minibatch."""
        gradient_weights, gradient_bias = self.gradients(features, labels)
        self.weights -= lr * gradient_weights
        self.bias -= lr * gradient_bias


def autograd_gradients(
    model: LogisticRegression, features: torch.Tensor, labels: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """The same gradients as :meth:`LogisticRegression.gradients`, computed by autograd."""
    weights = model.weights.clone().requires_grad_()
    bias = model.bias.clone().requires_grad_()
    loss = F.binary_cross_entropy_with_logits(features @ weights + bias, labels)
    gradient_weights, gradient_bias = torch.autograd.grad(loss, [weights, bias])
    return gradient_weights, gradient_bias


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="Logistic regression on toy data (lecture 8).")
    add_optimisation_arguments(parser, DEFAULTS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    out = prepare_run_dir(args.out, "logistic_regression")
    features, labels = two_blobs(100, seed=args.seed)
    (train_x, train_y), (test_x, test_y) = train_test_split(features, labels, 0.3, args.seed)
    train_x, test_x = standardize(train_x, test_x)
    train, test = TensorSplit(train_x, train_y.float()), TensorSplit(test_x, test_y.float())
    print(f"data: {len(train)} training / {len(test)} test points | run folder: {out}")

    model = LogisticRegression(num_features=2)
    by_hand = model.gradients(train.images[:10], train.labels[:10])
    by_autograd = autograd_gradients(model, train.images[:10], train.labels[:10])
    gradients_agree = all(map(torch.allclose, by_hand, by_autograd))
    print(f"hand-derived gradient equals autograd's: {gradients_agree}")

    losses = []
    for epoch in range(1, args.epochs + 1):
        for batch_x, batch_y in shuffled_batches(
            train, args.batch_size, epoch_generator(args.seed, epoch)
        ):
            model.train_step(batch_x, batch_y, args.lr)
        losses.append(model.loss(train))
        print(f"epoch {epoch:3d} | training loss {losses[-1]:.4f}")

    test_accuracy = (model.predict(test.images) == test_y).float().mean().item()
    print(f"test accuracy {test_accuracy:.2%} | test loss {model.loss(test):.4f}")
    write_summary(
        out / "metrics.json",
        config_from_args(args),
        {
            "gradients_agree_with_autograd": gradients_agree,
            "training_loss_per_epoch": losses,
            "test_accuracy": test_accuracy,
            "weights": model.weights.tolist(),
            "bias": model.bias.item(),
        },
    )
    plot_curves(
        {"training set": losses},
        out / "loss.png",
        title="Logistic regression",
        ylabel="binary cross-entropy",
    )
    plot_decision_boundary(
        model.predict,
        torch.cat([train_x, test_x]),
        torch.cat([train_y, test_y]),
        out / "decision_boundary.png",
        title="Logistic regression: decision boundary",
    )
    print(f"wrote metrics.json, loss.png and decision_boundary.png to {out}")


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

"""Lecture 8: softmax regression on MNIST, from scratch (gradients by hand) and with ``nn.Linear``.

Run it as a file or as a module (from the repository root):

    python lecture_code/l08_logistic_softmax/softmax_regression_mnist.py     # MNIST, into data/
    python -m lecture_code.l08_logistic_softmax.softmax_regression_mnist --implementation module
    python -m lecture_code.l08_logistic_softmax.softmax_regression_mnist --smoke  # offline

Softmax regression (multinomial logistic regression) is one linear layer, 784 pixels to 10
logits, trained on the cross-entropy. ``--implementation scratch`` (the default) writes the
forward pass, the loss and the gradient ``d loss / d logits = softmax(z) - one_hot(y)`` by hand;
``--implementation module`` uses ``nn.Linear``, ``F.cross_entropy`` and ``torch.optim.SGD``.
Both start from zero weights and see the same batches, so they learn the same weights.

Each epoch prints the training loss, training and validation accuracy (10% of the training set
is held out), its time and speed; the end prints the test accuracy. The run folder (``--out``,
default ``runs/softmax_regression_mnist-<time>/``) receives ``metrics.json``, ``loss.png`` and
``accuracy.png``.

What to expect: with the defaults (plain SGD at learning rate 0.01 on standardised pixels,
batches of 128, 25 epochs, about a minute on a laptop CPU) about 92% test accuracy, the course's
recorded figure and close to the best a linear model does on MNIST. (The course used learning
rate 0.1 on pixels in [0, 1]; standardising multiplies the pixels by about 3.2 and so the
curvature by about 10, hence the smaller rate.)

Set a breakpoint on the ``errors = ...`` line in ``SoftmaxRegressionFromScratch.train_step`` to
inspect one gradient. Each ``# %%`` cell also runs in VS Code's Interactive Window.
"""

# %% Imports
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if not __package__:  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import torch
import torch.nn.functional as F
from torch import nn

from lecture_code.common.cli import ArgumentParser, TrainingDefaults, add_training_arguments
from lecture_code.common.data import epoch_generator, shuffled_batches
from lecture_code.common.device import describe_device
from lecture_code.common.interactive import run_script
from lecture_code.common.metrics import count_correct
from lecture_code.common.run_summary import config_from_args
from lecture_code.common.startup import start_training_run
from lecture_code.common.training_log import TrainingLog, accuracy

DEFAULTS = TrainingDefaults(epochs=25, batch_size=128, lr=0.01, seed=1)
NUM_FEATURES, NUM_CLASSES = 28 * 28, 10


# %% From scratch: the forward pass, the loss and the gradients written out
class SoftmaxRegressionFromScratch:
    """``logits = x @ weights.T + bias`` with ``weights`` ``(classes, features)``, from zero."""

    def __init__(self, num_features: int, num_classes: int, device: torch.device) -> None:
        self.weights = torch.zeros(num_classes, num_features, device=device)
        self.bias = torch.zeros(num_classes, device=device)

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        """Logits ``(N, classes)`` for images ``(N, 1, 28, 28)``, flattened to rows of pixels."""
        return images.flatten(start_dim=1) @ self.weights.T + self.bias

    def train_step(
        self, images: torch.Tensor, labels: torch.Tensor, lr: float
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """One SGD step on the mean cross-entropy; returns the batch's loss and logits."""
        features = images.flatten(start_dim=1)
        logits = features @ self.weights.T + self.bias
        log_probabilities = logits - torch.logsumexp(logits, dim=1, keepdim=True)
        loss = -log_probabilities.gather(1, labels.unsqueeze(1)).mean()
        # d loss / d logits = softmax(logits) - one_hot(labels), averaged over the batch
        errors = log_probabilities.exp() - F.one_hot(labels, self.weights.shape[0])
        self.weights -= lr * errors.T @ features / len(labels)
        self.bias -= lr * errors.mean(dim=0)
        return loss, logits


# %% With PyTorch's building blocks
class SoftmaxRegression(nn.Module):
    """The same model as an ``nn.Module``; ``F.cross_entropy`` applies the softmax."""

    def __init__(self, num_features: int, num_classes: int) -> None:
        super().__init__()
        self.linear = nn.Linear(num_features, num_classes)
        nn.init.zeros_(self.linear.weight)  # as the scratch version, so both learn alike
        nn.init.zeros_(self.linear.bias)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Logits ``(N, classes)`` for images ``(N, 1, 28, 28)``."""
        return self.linear(images.flatten(start_dim=1))


def module_train_step(
    model: SoftmaxRegression, optimizer: torch.optim.Optimizer
) -> Callable[[torch.Tensor, torch.Tensor, float], tuple[torch.Tensor, torch.Tensor]]:
    """A ``train_step(images, labels, lr)`` like the scratch model's, for the module."""

    def train_step(
        images: torch.Tensor, labels: torch.Tensor, _lr: float
    ) -> tuple[torch.Tensor, torch.Tensor]:
        logits = model(images)
        loss = F.cross_entropy(logits, labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.detach(), logits.detach()

    return train_step


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="Softmax regression on MNIST (lecture 8).")
    add_training_arguments(parser, DEFAULTS)
    parser.add_argument(
        "--implementation",
        choices=("scratch", "module"),
        default="scratch",
        help="gradients by hand, or nn.Linear + autograd + torch.optim (default: %(default)s)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    device, data, out = start_training_run(args, "softmax_regression_mnist")
    print(f"implementation: {args.implementation}")

    if args.implementation == "scratch":
        model = SoftmaxRegressionFromScratch(NUM_FEATURES, len(data.classes), device)
        train_step = model.train_step
    else:
        model = SoftmaxRegression(NUM_FEATURES, len(data.classes)).to(device)
        train_step = module_train_step(model, torch.optim.SGD(model.parameters(), lr=args.lr))
    log = TrainingLog(out, config_from_args(args), describe_device(device))

    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        batch_losses, correct = [], 0
        for images, labels in shuffled_batches(
            data.train, args.batch_size, epoch_generator(args.seed, epoch)
        ):
            loss, logits = train_step(images, labels, args.lr)
            batch_losses.append(loss)
            correct += count_correct(logits, labels)
        log.record_epoch(
            torch.stack(batch_losses).tolist(),
            train_accuracy=int(correct) / len(data.train),
            valid_accuracy=accuracy(model, data.valid),
            seconds=time.perf_counter() - epoch_start,
            images_seen=len(data.train),
        )
    log.finish(accuracy(model, data.test), time.perf_counter() - start)


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

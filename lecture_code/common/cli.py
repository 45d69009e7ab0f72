"""The command-line flags every training script shares, validated with one-line errors."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from lecture_code.common.errors import EXIT_USAGE

# Kept free of torch, so that commands which only parse flags (`course ...`) start quickly.
DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


class ArgumentParser(argparse.ArgumentParser):
    """An ``argparse`` parser whose errors are one line naming the fix, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message} (see --help)", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def positive_int(text: str) -> int:
    """Parse a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_float(text: str) -> float:
    """Parse a number greater than 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0:  # also rejects nan
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
    return value


@dataclass(frozen=True)
class TrainingDefaults:
    """A script's default hyperparameters, shown in its ``--help``."""

    epochs: int
    batch_size: int
    lr: float
    seed: int = 1


def add_optimisation_arguments(
    parser: argparse.ArgumentParser,
    defaults: TrainingDefaults,
    *,
    minibatches: bool = True,
    learning_rate: bool = True,
) -> None:
    """Add ``--epochs``, ``--seed`` and ``--out``, plus ``--batch-size`` (with ``minibatches``)
    and ``--lr`` (with ``learning_rate``) for methods that have them."""
    parser.add_argument(
        "--epochs",
        type=positive_int,
        default=defaults.epochs,
        help="number of passes over the training set (default: %(default)s)",
    )
    if minibatches:
        parser.add_argument(
            "--batch-size",
            type=positive_int,
            default=defaults.batch_size,
            help="training examples per optimisation step (default: %(default)s)",
        )
    if learning_rate:
        parser.add_argument(
            "--lr",
            type=positive_float,
            default=defaults.lr,
            help="learning rate (default: %(default)s)",
        )
    parser.add_argument(
        "--seed",
        type=int,
        default=defaults.seed,
        help="random seed for data, initialisation and shuffling (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="run folder for metrics, plots and checkpoints "
        "(default: a new timestamped folder under runs/)",
    )


def add_dataset_arguments(
    parser: argparse.ArgumentParser, datasets: tuple[str, ...] = ("mnist", "fashion-mnist")
) -> None:
    """Add ``--device``, ``--dataset``, ``--data-dir`` and ``--smoke``, for scripts that train on
    a downloaded dataset (toy data of a hundred points needs none of them)."""
    parser.add_argument(
        "--device",
        choices=DEVICE_CHOICES,
        default="auto",
        help="where to train; auto picks CUDA, then Apple MPS, then CPU",
    )
    parser.add_argument(
        "--dataset",
        choices=datasets,
        default=datasets[0],
        help="dataset to train on, downloaded on first use (default: %(default)s)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="where datasets are stored (default: %(default)s)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny synthetic data, no download: checks an install in seconds",
    )


def add_training_arguments(
    parser: argparse.ArgumentParser,
    defaults: TrainingDefaults,
    datasets: tuple[str, ...] = ("mnist", "fashion-mnist"),
) -> None:
    """Add the flags shared by the course's scripts that train on a dataset to ``parser``."""
    add_optimisation_arguments(parser, defaults)
    add_dataset_arguments(parser, datasets)

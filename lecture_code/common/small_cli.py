"""Command-line flags for scripts on small in-memory data (toy points, Iris): no dataset flags.

They mirror :func:`lecture_code.common.cli.add_training_arguments` where a flag applies, so every
lecture script reads the same way; ``--device``, ``--dataset``, ``--data-dir`` and ``--smoke`` do
not apply to data of a hundred rows, which trains in milliseconds on the CPU.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lecture_code.common.cli import TrainingDefaults, positive_float, positive_int


def add_small_training_arguments(
    parser: argparse.ArgumentParser,
    defaults: TrainingDefaults,
    *,
    minibatches: bool = True,
    learning_rate: bool = True,
) -> None:
    """Add ``--epochs``, ``--seed``, ``--out``, and ``--batch-size`` (with ``minibatches``) and
    ``--lr`` (with ``learning_rate``) for methods that have them."""
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
        help="run folder for metrics and plots (default: a new timestamped folder under runs/)",
    )

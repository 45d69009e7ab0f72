"""The two plots every training run writes: loss per iteration, accuracy per epoch.

Built on ``matplotlib.figure.Figure`` rather than ``pyplot``, so saving a plot needs no display
and never changes the backend of an interactive session.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from lecture_code.common.files import write_atomically
from lecture_code.common.metrics import EpochRecord


def running_average(values: Sequence[float], window: int) -> np.ndarray:
    """The mean of each value and up to ``window - 1`` values before it."""
    cumulative = np.cumsum(np.insert(np.asarray(values, dtype=float), 0, 0.0))
    ends = np.arange(1, len(values) + 1)
    starts = np.maximum(ends - window, 0)
    return (cumulative[ends] - cumulative[starts]) / (ends - starts)


def save_figure(figure: Figure, path: Path) -> None:
    """Save ``figure`` as a PNG atomically."""
    write_atomically(path, lambda temporary: figure.savefig(temporary, format="png", dpi=120))


def plot_loss(
    losses: Sequence[float],
    batches_per_epoch: Sequence[int],
    path: Path,
    ylabel: str = "cross-entropy loss",
) -> None:
    """Per-iteration training loss, its running average, and a dashed line at each epoch's end."""
    figure = Figure(figsize=(7, 4), layout="constrained")
    axes = figure.add_subplot()
    iterations = np.arange(1, len(losses) + 1)
    axes.plot(iterations, losses, linewidth=0.6, alpha=0.5, label="minibatch loss")
    window = max(1, min(200, len(losses) // 10))
    axes.plot(iterations, running_average(losses, window), label=f"running average ({window})")
    for boundary in np.cumsum(batches_per_epoch)[:-1]:
        axes.axvline(boundary, color="gray", linestyle="--", linewidth=0.8)
    axes.set(xlabel="iteration", ylabel=ylabel, title="Training loss")
    if len(losses) and min(losses) > 0:
        axes.set_yscale("log")
    axes.legend()
    save_figure(figure, path)


def plot_accuracy(epochs: Sequence[EpochRecord], path: Path) -> None:
    """Training vs validation accuracy per epoch; the gap between them shows overfitting."""
    figure = Figure(figsize=(7, 4), layout="constrained")
    axes = figure.add_subplot()
    numbers = [record.epoch for record in epochs]
    axes.plot(numbers, [100 * r.train_accuracy for r in epochs], marker="o", label="training")
    axes.plot(numbers, [100 * r.valid_accuracy for r in epochs], marker="o", label="validation")
    axes.set(xlabel="epoch", ylabel="accuracy (%)", title="Training vs validation accuracy")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.grid(alpha=0.3)
    axes.legend()
    save_figure(figure, path)

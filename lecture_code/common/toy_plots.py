"""Plots for small problems with two features: decision regions, and loss curves per epoch."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import torch
from matplotlib.figure import Figure

from lecture_code.common.plots import save_figure


def plot_decision_boundary(
    predict: Callable[[torch.Tensor], torch.Tensor],
    features: torch.Tensor,
    labels: torch.Tensor,
    path: Path,
    *,
    title: str,
    axis_labels: tuple[str, str] = ("feature 1", "feature 2"),
) -> None:
    """Shade the regions ``predict`` assigns to each class and draw the points on top.

    ``predict`` maps points ``(N, 2)`` to class labels ``(N,)``; it is evaluated on a grid
    spanning the data, so any classifier (linear or not) can be drawn.
    """
    low = features.min(dim=0).values - 0.5
    high = features.max(dim=0).values + 0.5
    grid_x, grid_y = torch.meshgrid(
        torch.linspace(low[0], high[0], 300), torch.linspace(low[1], high[1], 300), indexing="xy"
    )
    grid = torch.stack([grid_x.reshape(-1), grid_y.reshape(-1)], dim=1)
    with torch.no_grad():
        regions = predict(grid).reshape(grid_x.shape).float()
    figure = Figure(figsize=(5, 4.5), layout="constrained")
    axes = figure.add_subplot()
    axes.contourf(grid_x.numpy(), grid_y.numpy(), regions.numpy(), alpha=0.25, cmap="coolwarm")
    for label, marker in ((0, "o"), (1, "s")):
        points = features[labels == label].numpy()
        axes.scatter(points[:, 0], points[:, 1], marker=marker, label=f"class {label}", s=20)
    axes.set(xlabel=axis_labels[0], ylabel=axis_labels[1], title=title)
    axes.legend()
    save_figure(figure, path)


def plot_curves(
    curves: Mapping[str, Sequence[float]],
    path: Path,
    *,
    title: str,
    ylabel: str,
    xlabel: str = "epoch",
) -> None:
    """One line per named series (e.g. a loss per epoch for each of several methods)."""
    figure = Figure(figsize=(6, 4), layout="constrained")
    axes = figure.add_subplot()
    for name, values in curves.items():
        axes.plot(np.arange(1, len(values) + 1), values, marker=".", label=name)
    axes.set(xlabel=xlabel, ylabel=ylabel, title=title)
    axes.grid(alpha=0.3)
    axes.legend()
    save_figure(figure, path)

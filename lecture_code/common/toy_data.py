"""Small tabular data sets for the early lectures: generated 2-D points, splits, standardising."""

from __future__ import annotations

import math

import torch


def two_blobs(
    count: int = 100, seed: int = 1, margin: float = 0.25
) -> tuple[torch.Tensor, torch.Tensor]:
    """``count`` points ``(count, 2)`` in two Gaussian clusters, labels 0/1 ``(count,)``, shuffled.

    Points closer than ``margin`` to the line ``x1 + x2 = 0`` between the clusters are redrawn,
    so the two classes are always linearly separable: a perceptron must converge on them.
    """
    generator = torch.Generator().manual_seed(seed)
    direction = torch.tensor([1.0, 1.0]) / math.sqrt(2)
    features, labels = [], []
    for label, center in ((0, -1.0), (1, 1.0)):
        wanted = count // 2 if label == 0 else count - count // 2
        kept = torch.empty(0, 2)
        while len(kept) < wanted:
            candidates = center + torch.randn(2 * wanted, 2, generator=generator)
            side = candidates @ direction * (1 if label else -1)
            kept = torch.cat([kept, candidates[side > margin]])
        features.append(kept[:wanted])
        labels.append(torch.full((wanted,), label, dtype=torch.int64))
    order = torch.randperm(count, generator=generator)
    return torch.cat(features)[order], torch.cat(labels)[order]


def train_test_split(
    features: torch.Tensor, labels: torch.Tensor, test_fraction: float, seed: int
) -> tuple[tuple[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]]:
    """Shuffle with ``seed`` and hold out ``test_fraction`` of the examples as the test set."""
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    test_count = max(1, round(len(labels) * test_fraction))
    test, train = order[:test_count], order[test_count:]
    return (features[train], labels[train]), (features[test], labels[test])


def standardize(train: torch.Tensor, *others: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """Scale every feature to mean 0 and standard deviation 1, measured on ``train`` only."""
    mean, std = train.mean(dim=0), train.std(dim=0)
    return tuple((features - mean) / std for features in (train, *others))

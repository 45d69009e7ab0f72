"""Fisher's Iris data, shipped with the repository as ``iris.csv`` (150 flowers, 4 measurements)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import torch

from lecture_code.common.errors import UserError

IRIS_CSV = Path(__file__).with_name("iris.csv")
FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
SPECIES = ("setosa", "versicolor", "virginica")


@dataclass(frozen=True)
class TwoClassIris:
    """Two species of Iris: ``features`` ``(N, len(feature_names))`` and labels 0/1 ``(N,)``."""

    features: torch.Tensor
    labels: torch.Tensor
    feature_names: tuple[str, ...]
    class_names: tuple[str, str]


def read_iris(path: Path = IRIS_CSV) -> tuple[torch.Tensor, list[str]]:
    """All 150 rows: measurements ``(150, 4)`` in centimetres and each flower's species.

    Lines starting with ``#`` (the file's note on its source) are skipped.
    """
    try:
        with Path(path).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
        measurements = [[float(row[name]) for name in FEATURES] for row in rows]
        species = [row["species"] for row in rows]
    except (OSError, KeyError, ValueError, TypeError) as error:
        raise UserError(
            f"cannot read the Iris data from {path} ({error}); restore it with "
            f"`git checkout -- {path.name}` in {path.parent}"
        ) from error
    return torch.tensor(measurements, dtype=torch.float32), species


def two_class_iris(
    class_names: tuple[str, str] = ("versicolor", "virginica"),
    feature_names: tuple[str, ...] = ("petal_length", "petal_width"),
    path: Path = IRIS_CSV,
) -> TwoClassIris:
    """The flowers of two species, the first labelled 0 and the second 1, with chosen features."""
    measurements, species = read_iris(path)
    keep = [index for index, name in enumerate(species) if name in class_names]
    columns = [FEATURES.index(name) for name in feature_names]
    labels = [class_names.index(species[index]) for index in keep]
    return TwoClassIris(
        features=measurements[keep][:, columns],
        labels=torch.tensor(labels, dtype=torch.int64),
        feature_names=feature_names,
        class_names=class_names,
    )

"""Accuracy, per-epoch records, and the run's ``metrics.json``."""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torchvision

from lecture_code.common.files import write_text_atomically


def count_correct(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """How many rows of ``logits`` have their largest value at the label's index (a 0-d tensor).

    Returned as a tensor so a training loop on a GPU need not wait for it every batch.
    """
    return (logits.argmax(dim=1) == labels).sum()


@dataclass(frozen=True)
class EpochRecord:
    """What one epoch measured; accuracies are fractions in [0, 1]."""

    epoch: int
    train_loss: float
    train_accuracy: float
    valid_accuracy: float
    seconds: float

    def summary(self, images_per_second: float) -> str:
        """One line for the terminal."""
        return (
            f"epoch {self.epoch:3d} | train loss {self.train_loss:.4f} | "
            f"train acc {self.train_accuracy:6.2%} | valid acc {self.valid_accuracy:6.2%} | "
            f"{self.seconds:5.1f} s | {images_per_second:,.0f} img/s"
        )


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries a result depends on."""
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "numpy": np.__version__,
    }


def write_metrics(
    path: Path,
    *,
    config: dict[str, Any],
    device: str,
    epochs: list[EpochRecord],
    test_accuracy: float | None = None,
    total_seconds: float | None = None,
) -> None:
    """Write ``metrics.json`` atomically: configuration, device, versions, epochs, test result."""
    document = {
        "config": config,
        "device": device,
        "versions": library_versions(),
        "epochs": [asdict(record) for record in epochs],
        "test_accuracy": test_accuracy,
        "total_seconds": total_seconds,
    }
    write_text_atomically(path, json.dumps(document, indent=2) + "\n")

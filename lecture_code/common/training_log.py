"""The bookkeeping around an epoch loop: progress lines, ``metrics.json``, and the two plots.

The loop itself stays in each lecture script, where students step through it; this keeps what
every script would otherwise repeat after each epoch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from lecture_code.common.data import TensorSplit, batches
from lecture_code.common.metrics import EpochRecord, count_correct, write_metrics
from lecture_code.common.plots import plot_accuracy, plot_loss

EVAL_BATCH_SIZE = 1000  # evaluation keeps no activations for backward, so batches can be larger


@torch.no_grad()
def accuracy(predict_logits: Any, data: TensorSplit, batch_size: int = EVAL_BATCH_SIZE) -> float:
    """The fraction of ``data`` whose largest logit, from ``predict_logits(images)``, is its label.

    ``predict_logits`` is a model or any function from images to logits ``(N, classes)``.
    """
    correct = sum(
        count_correct(predict_logits(images), labels)
        for images, labels in batches(data, batch_size)
    )
    return int(correct) / len(data)


@dataclass
class TrainingLog:
    """Collects what each epoch measured and writes it to the run folder ``out``."""

    out: Path
    config: dict[str, Any]
    device: str
    history: list[EpochRecord] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    batches_per_epoch: list[int] = field(default_factory=list)

    def record_epoch(
        self,
        batch_losses: list[float],
        train_accuracy: float,
        valid_accuracy: float,
        seconds: float,
        images_seen: int,
    ) -> EpochRecord:
        """Keep one epoch's results, print its line, and rewrite ``metrics.json``."""
        record = EpochRecord(
            epoch=len(self.history) + 1,
            train_loss=sum(batch_losses) / len(batch_losses),
            train_accuracy=train_accuracy,
            valid_accuracy=valid_accuracy,
            seconds=seconds,
        )
        self.history.append(record)
        self.losses.extend(batch_losses)
        self.batches_per_epoch.append(len(batch_losses))
        print(record.summary(images_seen / seconds), flush=True)
        write_metrics(
            self.out / "metrics.json", config=self.config, device=self.device, epochs=self.history
        )
        return record

    def finish(
        self, test_accuracy: float, total_seconds: float, loss_label: str = "cross-entropy loss"
    ) -> None:
        """Write the final ``metrics.json``, ``loss.png`` (its axis labelled ``loss_label``) and
        ``accuracy.png``, and print the test accuracy and total time."""
        write_metrics(
            self.out / "metrics.json",
            config=self.config,
            device=self.device,
            epochs=self.history,
            test_accuracy=test_accuracy,
            total_seconds=total_seconds,
        )
        plot_loss(self.losses, self.batches_per_epoch, self.out / "loss.png", ylabel=loss_label)
        plot_accuracy(self.history, self.out / "accuracy.png")
        minutes, seconds = total_seconds / 60, total_seconds
        print(f"test accuracy {test_accuracy:.2%} | total time {minutes:.2f} min ({seconds:.1f} s)")
        print(f"wrote metrics.json, loss.png and accuracy.png to {self.out}")

"""Datasets as tensors in memory: read once through torchvision, then sliced into batches.

Reading MNIST-sized data once and keeping it on the device avoids a ``DataLoader`` converting
every image to PIL and back each epoch, which is what makes small models train fast, and it keeps
the debugger simple (no worker processes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
from torchvision import datasets

from lecture_code.common.errors import UserError

TORCHVISION_DATASETS: dict[str, type[datasets.MNIST]] = {
    "mnist": datasets.MNIST,
    "fashion-mnist": datasets.FashionMNIST,
}
VALIDATION_FRACTION = 0.1
SPLIT_SEED = 0  # fixed, so every run and every seed validates on the same images
SYNTHETIC_PATTERN_SEED = 0  # fixed, so training and test images share their classes' patterns


@dataclass(frozen=True)
class TensorSplit:
    """Images ``(N, 1, H, W)`` as normalised floats and their labels ``(N,)``, on one device."""

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        return len(self.labels)


@dataclass(frozen=True)
class DataSplits:
    """The training, validation and test splits of one dataset."""

    name: str
    classes: list[str]
    train: TensorSplit
    valid: TensorSplit
    test: TensorSplit

    def summary(self) -> str:
        """E.g. ``mnist, 54,000 training / 6,000 validation / 10,000 test images``."""
        return (
            f"{self.name}, {len(self.train):,} training / {len(self.valid):,} validation / "
            f"{len(self.test):,} test images"
        )


def read_torchvision_images(
    name: str, data_dir: Path, *, train: bool, download: bool = True
) -> tuple[torch.Tensor, torch.Tensor, list[str]]:
    """Read a torchvision image dataset as ``uint8`` images ``(N, H, W)``, labels and class names.

    Downloads into ``data_dir`` on first use. Failures (offline, damaged files) become a
    :class:`UserError` that says how to get the data.
    """
    dataset_class = TORCHVISION_DATASETS[name]
    raw_folder = Path(data_dir) / dataset_class.__name__ / "raw"
    try:
        dataset = dataset_class(root=str(data_dir), train=train, download=download)
    except Exception as error:  # torchvision signals bad or missing files with assorted types
        have_files = raw_folder.is_dir() and any(raw_folder.iterdir())
        message = str(error).strip()
        # The last line holds the cause: for a failed download, what the last mirror answered.
        reason = message.splitlines()[-1] if message else type(error).__name__
        if have_files and "download" not in message.lower():
            raise UserError(
                f"the {name} files in {raw_folder} cannot be read ({reason}); "
                f"delete {raw_folder.parent} and run again to download them afresh"
            ) from error
        raise UserError(
            f"{name} is not in {data_dir} and could not be downloaded ({reason}); "
            f"connect to the internet and run again, or copy its files into {raw_folder} "
            "(--smoke needs no data)"
        ) from error
    return dataset.data, dataset.targets, list(dataset.classes)


def synthetic_digits(
    count: int, seed: int, size: int = 28, num_classes: int = 10
) -> tuple[torch.Tensor, torch.Tensor]:
    """MNIST-shaped ``uint8`` images ``(count, size, size)`` of learnable patterns, plus labels.

    Each class is a fixed random blot (the same for every ``seed``); each image is its class's
    blot, shifted by up to three pixels, dimmed at random and buried in noise. A small network
    learns it within a few epochs, so smoke runs show real learning without a download.
    """
    patterns = torch.Generator().manual_seed(SYNTHETIC_PATTERN_SEED)
    coarse = torch.rand(num_classes, 1, 7, 7, generator=patterns)
    blots = torch.nn.functional.interpolate(coarse, size=(size, size), mode="bilinear")
    blots = (blots > 0.6).float().squeeze(1)
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(num_classes, (count,), generator=generator)
    shifts = torch.randint(-3, 4, (count, 2), generator=generator).tolist()
    images = torch.stack(
        [
            torch.roll(blots[label], shifts=tuple(shift), dims=(0, 1))
            for label, shift in zip(labels.tolist(), shifts, strict=True)
        ]
    )
    brightness = 100 + 155 * torch.rand(count, 1, 1, generator=generator)
    noise = 120 * torch.rand(count, size, size, generator=generator)
    return (images * brightness + noise).clamp(0, 255).to(torch.uint8), labels


def hold_out_validation(
    images: torch.Tensor, labels: torch.Tensor, fraction: float = VALIDATION_FRACTION
) -> tuple[tuple[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]]:
    """Split off a fixed random ``fraction`` of the examples for validation.

    The permutation comes from :data:`SPLIT_SEED`, not the run's seed, so runs with different
    seeds are compared on the same validation images.
    """
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(SPLIT_SEED))
    valid_count = max(1, round(len(labels) * fraction))
    valid, train = order[:valid_count], order[valid_count:]
    return (images[train], labels[train]), (images[valid], labels[valid])


def to_split(
    images: torch.Tensor, labels: torch.Tensor, mean: float, std: float, device: torch.device
) -> TensorSplit:
    """Scale ``uint8`` images ``(N, H, W)`` to ``(N, 1, H, W)`` floats of the given mean and std."""
    scaled = (images.to(device=device, dtype=torch.float32) / 255 - mean) / std
    return TensorSplit(scaled.unsqueeze(1), labels.to(device=device, dtype=torch.int64))


def load_splits(
    name: str, data_dir: Path, device: torch.device, *, smoke: bool = False
) -> DataSplits:
    """Load ``name`` (or, with ``smoke``, small synthetic data) as normalised tensors on ``device``.

    The validation set is 10% of the training set; mean and standard deviation are measured on
    what remains, so nothing about the validation or test images leaks into training.
    """
    if smoke:
        train_images, train_labels = synthetic_digits(1200, seed=1)
        test_images, test_labels = synthetic_digits(300, seed=2)
        classes = [str(digit) for digit in range(10)]
    else:
        train_images, train_labels, classes = read_torchvision_images(name, data_dir, train=True)
        test_images, test_labels, _ = read_torchvision_images(name, data_dir, train=False)
    (fit_images, fit_labels), (valid_images, valid_labels) = hold_out_validation(
        train_images, train_labels
    )
    pixels = fit_images.float() / 255
    mean, std = pixels.mean().item(), pixels.std().item()
    return DataSplits(
        name="synthetic" if smoke else name,
        classes=classes,
        train=to_split(fit_images, fit_labels, mean, std, device),
        valid=to_split(valid_images, valid_labels, mean, std, device),
        test=to_split(test_images, test_labels, mean, std, device),
    )


def epoch_generator(seed: int, epoch: int) -> torch.Generator:
    """The generator that shuffles epoch ``epoch``: a function of seed and epoch alone, so a
    resumed run sees exactly the batches an uninterrupted one would."""
    return torch.Generator().manual_seed(seed * 100_003 + epoch)


def shuffled_batches(
    split: TensorSplit, batch_size: int, generator: torch.Generator, max_batches: int | None = None
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield ``(images, labels)`` batches in a fresh random order (the last one may be smaller)."""
    order = torch.randperm(len(split), generator=generator).to(split.labels.device)
    images, labels = split.images[order], split.labels[order]
    yield from batches(TensorSplit(images, labels), batch_size, max_batches)


def batches(
    split: TensorSplit, batch_size: int, max_batches: int | None = None
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield ``(images, labels)`` batches in order, as views: no copying."""
    stop = len(split) if max_batches is None else min(len(split), max_batches * batch_size)
    for start in range(0, stop, batch_size):
        yield split.images[start : start + batch_size], split.labels[start : start + batch_size]


def batch_count(split: TensorSplit, batch_size: int, max_batches: int | None = None) -> int:
    """How many batches :func:`batches` yields."""
    count = -(-len(split) // batch_size)
    return count if max_batches is None else min(count, max_batches)

"""The shared data helpers: splits, batching and shuffling, synthetic digits."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from lecture_code.common.data import (
    TensorSplit,
    batch_count,
    batches,
    epoch_generator,
    hold_out_validation,
    load_splits,
    read_torchvision_images,
    shuffled_batches,
    synthetic_digits,
    to_split,
)
from lecture_code.common.errors import UserError

CPU = torch.device("cpu")


def numbered_split(count: int) -> TensorSplit:
    """A split whose every image holds its own index, so batches can be traced back."""
    return TensorSplit(torch.arange(count).float().view(count, 1, 1, 1), torch.arange(count))


def test_validation_is_a_fixed_tenth_disjoint_from_training() -> None:
    images, labels = torch.arange(1000).view(1000, 1, 1), torch.arange(1000)
    (train_images, train_labels), (_, valid_labels) = hold_out_validation(images, labels)
    assert len(valid_labels) == 100
    assert len(train_labels) == 900
    assert set(train_labels.tolist()).isdisjoint(valid_labels.tolist())
    assert torch.equal(train_images.view(-1), train_labels)
    again = hold_out_validation(images, labels)[1][1]
    assert torch.equal(again, valid_labels)
    assert not torch.equal(valid_labels, torch.arange(900, 1000)), (
        "held out at random, not the tail"
    )


def test_shuffled_batches_cover_every_example_once_in_a_new_order_each_epoch() -> None:
    split = numbered_split(250)
    orders = []
    for epoch in (1, 2):
        seen = torch.cat(
            [labels for _, labels in shuffled_batches(split, 64, epoch_generator(7, epoch))]
        )
        assert sorted(seen.tolist()) == list(range(250))
        orders.append(seen)
    assert not torch.equal(orders[0], orders[1])
    replay = torch.cat([labels for _, labels in shuffled_batches(split, 64, epoch_generator(7, 1))])
    assert torch.equal(replay, orders[0])


def test_batches_keep_images_with_their_labels() -> None:
    for images, labels in shuffled_batches(numbered_split(100), 30, epoch_generator(0, 1)):
        assert torch.equal(images.view(-1).long(), labels)


def test_batch_sizes_and_limits() -> None:
    split = numbered_split(250)
    assert [len(labels) for _, labels in batches(split, 100)] == [100, 100, 50]
    assert [len(labels) for _, labels in batches(split, 100, max_batches=2)] == [100, 100]
    assert batch_count(split, 100) == 3
    assert batch_count(split, 100, max_batches=2) == 2
    assert batch_count(split, 100, max_batches=9) == 3


def test_to_split_normalises_and_adds_a_channel() -> None:
    images = torch.tensor([[[0, 255]]], dtype=torch.uint8)
    split = to_split(images, torch.tensor([3]), mean=0.5, std=0.5, device=CPU)
    assert split.images.shape == (1, 1, 1, 2)
    assert split.images.dtype == torch.float32
    assert split.images.flatten().tolist() == [-1.0, 1.0]
    assert split.labels.dtype == torch.int64


def test_synthetic_digits_are_deterministic_and_mnist_shaped() -> None:
    images, labels = synthetic_digits(50, seed=4)
    assert images.shape == (50, 28, 28)
    assert images.dtype == torch.uint8
    assert labels.dtype == torch.int64
    assert set(labels.tolist()) <= set(range(10))
    again_images, again_labels = synthetic_digits(50, seed=4)
    assert torch.equal(images, again_images)
    assert torch.equal(labels, again_labels)
    assert not torch.equal(images, synthetic_digits(50, seed=5)[0])


def test_load_splits_reads_torchvision_files_and_standardises_training_images(
    mnist_dir: Path,
) -> None:
    splits = load_splits("mnist", mnist_dir, CPU)
    assert (len(splits.train), len(splits.valid), len(splits.test)) == (540, 60, 200)
    assert splits.classes[0] == "0 - zero"
    assert splits.train.images.shape == (540, 1, 28, 28)
    assert abs(splits.train.images.mean().item()) < 1e-4
    assert splits.train.images.std().item() == pytest.approx(1.0, abs=1e-4)
    raw_images, raw_labels, _ = read_torchvision_images("mnist", mnist_dir, train=False)
    assert torch.equal(splits.test.labels, raw_labels)
    assert raw_images.shape == (200, 28, 28)


def test_missing_data_without_download_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="fashion-mnist is not in"):
        read_torchvision_images("fashion-mnist", tmp_path, train=True, download=False)

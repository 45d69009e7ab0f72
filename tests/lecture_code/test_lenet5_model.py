"""LeNet-5 itself: its shapes, its size, and that its training loop learns."""

from __future__ import annotations

import itertools

import torch

from lecture_code.common.data import load_splits
from lecture_code.l01_intro.lenet5_mnist import (
    LeNet5,
    cosine_learning_rate,
    evaluate,
    train_one_epoch,
)


def test_parameter_count_matches_the_classic_lenet5() -> None:
    model = LeNet5()
    assert sum(parameter.numel() for parameter in model.parameters()) == 61_706


def test_logits_shape() -> None:
    torch.manual_seed(0)
    logits = LeNet5()(torch.randn(5, 1, 28, 28))
    assert logits.shape == (5, 10)


def test_feature_maps_have_lenet5_sizes() -> None:
    features = LeNet5().features
    sizes = []
    activations = torch.zeros(1, 1, 28, 28)
    for layer in features:
        activations = layer(activations)
        sizes.append(tuple(activations.shape[1:]))
    assert sizes == [(6, 28, 28), (6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 10, 10), (16, 5, 5)]


def test_class_count_sets_the_output_width() -> None:
    assert LeNet5(num_classes=3)(torch.zeros(2, 1, 28, 28)).shape == (2, 3)


def test_training_lowers_the_loss_and_beats_chance() -> None:
    torch.manual_seed(0)
    data = load_splits("mnist", data_dir=None, device=torch.device("cpu"), smoke=True)
    model = LeNet5()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    first_losses, _ = train_one_epoch(
        model, optimizer, data.train, 64, torch.Generator().manual_seed(0)
    )
    second_losses, train_accuracy = train_one_epoch(
        model, optimizer, data.train, 64, torch.Generator().manual_seed(1)
    )
    assert sum(second_losses) / len(second_losses) < 0.5 * sum(first_losses[:3]) / 3
    assert train_accuracy > 0.5
    assert evaluate(model, data.test) > 0.5


def test_max_batches_cuts_the_epoch_short() -> None:
    data = load_splits("mnist", data_dir=None, device=torch.device("cpu"), smoke=True)
    model = LeNet5()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    losses, _ = train_one_epoch(model, optimizer, data.train, 32, torch.Generator(), max_batches=3)
    assert len(losses) == 3


def test_learning_rate_decays_from_base_towards_zero() -> None:
    rates = [cosine_learning_rate(0.002, epoch, 10) for epoch in range(1, 11)]
    assert rates[0] == 0.002
    assert all(later < earlier for earlier, later in itertools.pairwise(rates))
    assert 0 < rates[-1] < 0.0001

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
    assert sizes == [(6, 28, 28), (6, 14, 14), (6, 14, 14), (16, 10, 10), (16, 5, 5), (16, 5, 5)]


def test_pooling_before_tanh_matches_the_classic_order() -> None:
    torch.manual_seed(0)
    model = LeNet5().double()
    conv1, pool1, tanh1, conv2, pool2, tanh2 = model.features
    classic = torch.nn.Sequential(conv1, tanh1, pool1, conv2, tanh2, pool2, model.classifier)
    images = torch.randn(4, 1, 28, 28, dtype=torch.float64)
    labels = torch.tensor([0, 3, 9, 3])

    ours = torch.nn.functional.cross_entropy(model(images), labels)
    our_gradients = torch.autograd.grad(ours, list(model.parameters()))
    reference = torch.nn.functional.cross_entropy(classic(images), labels)
    reference_gradients = torch.autograd.grad(reference, list(model.parameters()))

    torch.testing.assert_close(ours, reference)
    for our_gradient, reference_gradient in zip(our_gradients, reference_gradients, strict=True):
        torch.testing.assert_close(our_gradient, reference_gradient)


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

"""Graded tests of HW4, part 2: LeNet-5's layers, its forward pass and one training step."""

import copy

import pytest
import torch
from torch import nn

from course.checks import assert_close, assert_shape, assert_type
from lecture_code.common.data import synthetic_digits

FLOAT32 = {"rtol": 1e-5, "atol": 1e-6}
FLOAT64 = {"rtol": 1e-10, "atol": 1e-12}
PARAMETER_SHAPES = [
    (6, 1, 5, 5),
    (6,),
    (16, 6, 5, 5),
    (16,),
    (120, 400),
    (120,),
    (84, 120),
    (84,),
    (10, 84),
    (10,),
]


@pytest.mark.task("4.3", points=4)
def test_lenet_layers(hw4, reference_lenet, partial_credit):
    """LeNet5() has 61,706 parameters of the right shapes, features map images to 16 maps of
    5x5, and with the same parameters both parts compute what LeNet-5 computes."""
    model = hw4.LeNet5()
    images = torch.randn(2, 1, 28, 28)
    with partial_credit.part("61,706 parameters"):
        count = sum(parameter.numel() for parameter in model.parameters())
        assert count == 61_706, f"LeNet5() should have 61,706 parameters, got {count:,}"
    with partial_credit.part("the parameter shapes, layer by layer"):
        shapes = [tuple(parameter.shape) for parameter in model.parameters()]
        assert shapes == PARAMETER_SHAPES, (
            f"the parameters should have the shapes {PARAMETER_SHAPES} in this order, got {shapes}"
        )
    with partial_credit.part("features: (2, 1, 28, 28) -> (2, 16, 5, 5)"):
        assert_type(getattr(model, "features", None), nn.Module, "model.features")
        assert_shape(model.features(images), (2, 16, 5, 5), "model.features(images)")
    with partial_credit.part("with the same parameters, the same outputs as LeNet-5 (tanh, max)"):
        reference = reference_lenet()
        with torch.no_grad():
            for mine, specified in zip(model.parameters(), reference.parameters(), strict=False):
                specified.copy_(mine)
        assert_close(
            model.features(images), reference.features(images), "model.features(images)", **FLOAT32
        )
        flat = torch.randn(2, 400)
        assert_close(
            model.classifier(flat), reference.classifier(flat), "model.classifier(x)", **FLOAT32
        )


@pytest.mark.task("4.4", points=2)
def test_forward_flattens_between_the_parts(make_lenet, reference_lenet, partial_credit):
    """forward runs the features, flattens each image's maps to 400 values, runs the
    classifier: logits (n, 10)."""
    reference = reference_lenet()
    model = make_lenet(reference)
    for count in (3, 1):
        with partial_credit.part(f"a batch of {count} image(s)"):
            images = torch.randn(count, 1, 28, 28)
            logits = model(images)
            assert_shape(logits, (count, 10), f"the logits of {count} image(s)")
            assert_close(logits, reference(images), "forward(images)", **FLOAT32)


def _reference_step(model, optimizer, images, labels):
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(images), labels).backward()
    optimizer.step()


@pytest.mark.task("4.5", points=3)
def test_train_step(hw4, reference_lenet, partial_credit):
    """train_step returns the loss and the correct count before the step, lowers the loss,
    and two steps move LeNet-5 exactly as two SGD-with-momentum steps."""
    model = reference_lenet().double()
    expected_model = copy.deepcopy(model)
    images = torch.randn(8, 1, 28, 28, dtype=torch.float64)
    with torch.no_grad():
        logits = model(images)
    predictions = logits.argmax(dim=1)
    labels = torch.cat([predictions[:5], (predictions[5:] + 1) % 10])  # 5 of 8 right
    loss_before = nn.functional.cross_entropy(logits, labels).item()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    result = hw4.train_step(model, optimizer, images, labels)
    with partial_credit.part("returns (loss as a float, correct count as an int) before the step"):
        assert_type(result, tuple, "train_step(...)")
        loss, correct = result
        assert_type(loss, float, "the loss")
        assert_type(correct, int, "the correct count")
        assert loss == pytest.approx(loss_before, rel=1e-10), (
            f"the cross-entropy of the batch before the step is {loss_before:.6f}, got {loss}"
        )
        assert correct == 5, (
            f"5 of the 8 images are classified right before the step: got {correct}"
        )
    with partial_credit.part("one step lowers the loss on the batch"):
        with torch.no_grad():
            loss_after = nn.functional.cross_entropy(model(images), labels).item()
        assert loss_after < loss_before, (
            f"the loss went from {loss_before:.6f} to {loss_after:.6f}; one step downhill "
            "should lower it"
        )
    with partial_credit.part("two steps match two SGD steps from zeroed gradients"):
        hw4.train_step(model, optimizer, images, labels)
        expected_optimizer = torch.optim.SGD(expected_model.parameters(), lr=0.05, momentum=0.9)
        for _ in range(2):
            _reference_step(expected_model, expected_optimizer, images, labels)
        for (name, parameter), expected in zip(
            model.named_parameters(), expected_model.parameters(), strict=True
        ):
            assert_close(
                parameter,
                expected,
                f"parameter {name} after two steps (did you zero the old gradients first?)",
                **FLOAT64,
            )


ACCURACY_TIERS = (0.6, 0.8, 0.9)


@pytest.mark.task("4.5", points=3, time_limit=20)
def test_training_reaches_accuracy_tiers(hw4, reference_lenet, partial_credit):
    """With train_step, LeNet-5 learns the grader's digits within a fixed budget: one point for
    each of 60%, 80% and 90% test accuracy after 2 epochs of 20 batches of 50 with Adam."""
    train_images, train_labels = _digits(1000, seed=300)
    test_images, test_labels = _digits(500, seed=301)
    model = reference_lenet()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    shuffler = torch.Generator().manual_seed(0)
    for _ in range(2):
        order = torch.randperm(len(train_labels), generator=shuffler)
        for batch in order.split(50):
            hw4.train_step(model, optimizer, train_images[batch], train_labels[batch])
    with torch.no_grad():
        accuracy = (model(test_images).argmax(dim=1) == test_labels).float().mean().item()
    for tier in ACCURACY_TIERS:
        with partial_credit.part(f"test accuracy of at least {tier:.0%}"):
            assert accuracy >= tier, (
                f"after the fixed training budget LeNet-5 classifies {accuracy:.1%} of the "
                f"grader's test digits right; this tier needs {tier:.0%}"
            )


def _digits(count, seed):
    """The grader's own data: synthetic 28x28 digits, pixels standardised, one channel."""
    images, labels = synthetic_digits(count, seed=seed)
    pixels = images.float().div(255)
    return ((pixels - pixels.mean()) / pixels.std()).unsqueeze(1), labels

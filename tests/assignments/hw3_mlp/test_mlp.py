"""Graded tests of HW3, a multilayer perceptron in PyTorch."""

import copy

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from course.checks import assert_close, assert_shape, assert_type

FLOAT32 = {"rtol": 1e-5, "atol": 1e-6}
FLOAT64 = {"rtol": 1e-10, "atol": 1e-12}
ACCURACY_TIERS = (0.60, 0.75, 0.90)


def _parameter_count(model: nn.Module) -> int:
    return sum(parameter.numel() for parameter in model.parameters())


@pytest.mark.task("3.1", points=2)
def test_layers_have_the_right_shapes(hw3, partial_credit):
    """The three nn.Linear layers map 12 -> 7 -> 5 -> 3, with biases: 149 parameters."""
    model = hw3.MultilayerPerceptron(num_features=12, num_hidden_1=7, num_hidden_2=5, num_classes=3)
    with partial_credit.part("hidden_1, hidden_2 and output are nn.Linear of the right shapes"):
        for name, shape in (("hidden_1", (7, 12)), ("hidden_2", (5, 7)), ("output", (3, 5))):
            layer = getattr(model, name, None)
            assert_type(layer, nn.Linear, f"model.{name}")
            assert_shape(layer.weight, shape, f"model.{name}.weight")
            assert layer.bias is not None, f"model.{name} should have a bias"
    with partial_credit.part("parameter count"):
        count = _parameter_count(model)
        assert count == 149, (
            f"MultilayerPerceptron(12, 7, 5, 3) should have 12*7+7 + 7*5+5 + 5*3+3 = 149 "
            f"parameters, got {count}"
        )


@pytest.mark.task("3.2", points=2)
def test_forward_gives_logits_of_the_layers(make_mlp, reference_mlp, partial_credit):
    """forward flattens the inputs and computes output(relu(hidden_2(relu(hidden_1(x)))))."""
    reference = reference_mlp((12, 7, 5, 3))
    model = make_mlp(reference)
    with partial_credit.part("a batch of 4 vectors of 12 features"):
        inputs = torch.randn(4, 12)
        logits = model(inputs)
        assert_shape(logits, (4, 3), "the logits for 4 examples and 3 classes")
        assert_close(logits, reference(inputs), "forward(x)", **FLOAT32)
    with partial_credit.part("a batch of 2 images of shape (3, 2, 2), flattened to 12 features"):
        images = torch.randn(2, 3, 2, 2)
        assert_close(model(images), reference(images), "forward(images)", **FLOAT32)


@pytest.mark.task("3.3", points=3)
def test_train_step_takes_one_sgd_step(hw3, reference_mlp, partial_credit):
    """train_step returns the loss before the step and moves the parameters exactly as one
    step from fresh gradients: zero, forward, loss, backward, step."""
    model = reference_mlp((6, 5, 4, 3)).double()
    expected_model = copy.deepcopy(model)
    inputs, labels = torch.randn(8, 6, dtype=torch.float64), torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])
    for parameter in model.parameters():
        parameter.grad = torch.full_like(parameter, 100.0)  # stale gradients from "before"
    with torch.no_grad():
        loss_before = F.cross_entropy(model(inputs), labels).item()
    loss = hw3.train_step(model, torch.optim.SGD(model.parameters(), lr=0.1), inputs, labels)
    with partial_credit.part("returns the batch's loss before the step, as a float"):
        assert_type(loss, float, "train_step(...)")
        assert loss == pytest.approx(loss_before, rel=1e-10), (
            f"the cross-entropy of the batch before the step is {loss_before:.6f}, got {loss}"
        )
    with partial_credit.part("one step lowers the loss on the batch"):
        with torch.no_grad():
            loss_after = F.cross_entropy(model(inputs), labels).item()
        assert loss_after < loss_before, (
            f"the loss went from {loss_before:.6f} to {loss_after:.6f}; one step downhill "
            "should lower it"
        )
    with partial_credit.part("the parameters match one SGD step from zeroed gradients"):
        expected_optimizer = torch.optim.SGD(expected_model.parameters(), lr=0.1)
        F.cross_entropy(expected_model(inputs), labels).backward()
        expected_optimizer.step()
        for (name, parameter), expected in zip(
            model.named_parameters(), expected_model.parameters(), strict=True
        ):
            assert_close(
                parameter,
                expected,
                f"parameter {name} after the step (did you zero the old gradients first?)",
                **FLOAT64,
            )


class _FixedLogits(nn.Module):
    """Returns its inputs as the logits and records how it was called."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[bool, bool]] = []

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        self.calls.append((self.training, torch.is_grad_enabled()))
        return inputs


@pytest.mark.task("3.4", points=2)
def test_accuracy_counts_every_example(hw3, partial_credit):
    """accuracy is correct examples / all examples over uneven batches, in eval mode, no grad."""
    predictions = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    labels = torch.tensor([0, 1, 2, 0, 1, 2, 0, 2, 0, 1])  # batches of 4, 4, 2: 4, 3, 0 right
    logits = F.one_hot(predictions, num_classes=3).float().requires_grad_()
    loader = DataLoader(TensorDataset(logits, labels), batch_size=4)
    model = _FixedLogits().train()
    value = hw3.accuracy(model, loader)
    with partial_credit.part("7 of 10 right in batches of 4, 4 and 2"):
        assert_type(value, float, "accuracy(...)")
        assert value == pytest.approx(0.7), (
            f"7 of 10 examples are right: expected 0.7, got {value} (averaging the batches' "
            "accuracies gives 0.583)"
        )
    with partial_credit.part("in evaluation mode without tracking gradients"):
        assert model.calls, "accuracy never called the model"
        assert not any(training for training, _ in model.calls), (
            "call model.eval() before evaluating"
        )
        assert not any(grad for _, grad in model.calls), "evaluate inside torch.no_grad()"


@pytest.mark.task("3.5", points=2)
def test_fit_runs_train_step_on_every_batch(hw3, monkeypatch, partial_credit):
    """fit calls train_step once per batch per epoch, in training mode, and returns each
    epoch's mean batch loss."""
    calls: list[tuple[object, object, torch.Tensor, bool]] = []

    def recording_train_step(model, optimizer, inputs, labels):
        calls.append((model, optimizer, inputs, model.training))
        return float(len(calls))  # losses 1, 2, 3, ... so the epoch means are known

    monkeypatch.setattr(hw3, "train_step", recording_train_step)
    model, optimizer = nn.Linear(2, 2).eval(), object()
    inputs = torch.arange(10.0).reshape(5, 2)
    loader = DataLoader(TensorDataset(inputs, torch.zeros(5, dtype=torch.long)), batch_size=2)
    losses = hw3.fit(model, optimizer, loader, epochs=2)
    with partial_credit.part("one train_step per batch (3 batches) and epoch (2 epochs)"):
        assert len(calls) == 6, f"expected 6 calls of train_step, got {len(calls)}"
        assert all(call[0] is model and call[1] is optimizer for call in calls), (
            "pass fit's model and optimizer to train_step"
        )
        assert [len(call[2]) for call in calls] == [2, 2, 1, 2, 2, 1], (
            "every batch of the loader should be trained on, once per epoch"
        )
    with partial_credit.part("returns the mean batch loss of each epoch"):
        assert list(losses) == pytest.approx([2.0, 5.0]), (
            f"with batch losses 1, 2, 3 then 4, 5, 6 the epoch means are [2.0, 5.0], got {losses}"
        )
    with partial_credit.part("trains in training mode"):
        assert all(call[3] for call in calls), "call model.train() before training"


@pytest.mark.task("3.6", points=3)
def test_optimizer_reaches_accuracy_tiers(accuracy_after_budget, partial_credit):
    """With your optimizer the grader's MLP reaches 60%, 75%, 90% test accuracy (1 point
    each) on its synthetic digits within 5 epochs."""
    reached = accuracy_after_budget()
    for tier in ACCURACY_TIERS:
        with partial_credit.part(f"{tier:.0%} test accuracy"):
            assert reached >= tier, f"reached {reached:.1%} test accuracy, needs {tier:.0%}"

"""Fixtures of the HW3 graders: reference layers and data.

Each task is graded on its own: a test that needs another task's code gets the specified
version instead (reference layers for ``forward``, a reference training step for ``fit``, a
reference network and loop for the optimizer), so one unfinished or wrong task never costs the
points of another.
"""

from collections.abc import Callable
from types import ModuleType

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from lecture_code.common.data import synthetic_digits

DIGIT_SIZES = (28 * 28, 64, 32, 10)


@pytest.fixture
def hw3(graded: Callable[[str], ModuleType]) -> ModuleType:
    """The MLP module under grade (solutions/ or assignments/)."""
    return graded("mlp")


def build_reference_mlp(sizes: tuple[int, int, int, int]) -> nn.Sequential:
    """The specified network: flatten, then Linear-ReLU-Linear-ReLU-Linear."""
    features, hidden_1, hidden_2, classes = sizes
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(features, hidden_1),
        nn.ReLU(),
        nn.Linear(hidden_1, hidden_2),
        nn.ReLU(),
        nn.Linear(hidden_2, classes),
    )


@pytest.fixture
def reference_mlp() -> Callable[[tuple[int, int, int, int]], nn.Sequential]:
    """``reference_mlp(sizes)``: the specified network for ``(features, hidden_1, hidden_2,
    classes)``, flatten then Linear-ReLU-Linear-ReLU-Linear."""
    return build_reference_mlp


@pytest.fixture
def make_mlp(hw3: ModuleType) -> Callable[[nn.Sequential], nn.Module]:
    """``make_mlp(reference)``: the student's MultilayerPerceptron holding the layers of a
    :func:`reference_mlp`, built without the student's ``__init__`` (Task 3.1)."""

    def make(reference: nn.Sequential) -> nn.Module:
        model = object.__new__(hw3.MultilayerPerceptron)
        nn.Module.__init__(model)
        model.hidden_1, model.hidden_2, model.output = reference[1], reference[3], reference[5]
        return model

    return make


def reference_train_step(
    model: nn.Module, optimizer: torch.optim.Optimizer, inputs: torch.Tensor, labels: torch.Tensor
) -> float:
    """The specified training step: zero the gradients, forward, loss, backward, step."""
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss.item()


def digits(count: int, seed: int) -> TensorDataset:
    """The grader's own data: synthetic 28x28 digits, pixels scaled to 0-1."""
    images, labels = synthetic_digits(count, seed=seed)
    return TensorDataset(images.float().div(255).unsqueeze(1), labels)


def held_out_accuracy(model: nn.Module, dataset: TensorDataset) -> float:
    """The fraction of ``dataset`` that ``model`` classifies right, computed in one batch."""
    inputs, labels = dataset.tensors
    with torch.no_grad():
        return (model(inputs).argmax(dim=1) == labels).float().mean().item()


@pytest.fixture
def accuracy_after_budget(hw3: ModuleType) -> Callable[..., float]:
    """``accuracy_after_budget(seed=0)``: the test accuracy of the reference MLP trained with
    the student's ``make_optimizer`` for the fixed budget (5 epochs of 20 batches of 50)."""

    def train(seed: int = 0) -> float:
        torch.manual_seed(seed)
        model = build_reference_mlp(DIGIT_SIZES)
        optimizer = hw3.make_optimizer(model)
        loader = DataLoader(
            digits(1000, seed=100 + seed),
            batch_size=50,
            shuffle=True,
            generator=torch.Generator().manual_seed(seed),
        )
        for _ in range(5):
            for inputs, labels in loader:
                reference_train_step(model, optimizer, inputs, labels)
        return held_out_accuracy(model, digits(500, seed=200 + seed))

    return train

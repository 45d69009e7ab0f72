"""Fixtures of the HW4 graders: the specified LeNet-5.

The output sizes are checked against what PyTorch's own layers produce. Each task is graded on
its own: ``pool_output_size`` gets the specified ``conv_output_size``, ``forward`` gets the
specified layers, and ``train_step`` trains the specified network, so one unfinished or wrong
task never costs the points of another.
"""

from collections.abc import Callable
from types import ModuleType

import pytest
import torch
from torch import nn


@pytest.fixture
def sizes(graded: Callable[[str], ModuleType]) -> ModuleType:
    """The output-size module under grade (solutions/ or assignments/)."""
    return graded("output_size")


@pytest.fixture
def hw4(graded: Callable[[str], ModuleType]) -> ModuleType:
    """The LeNet-5 module under grade (solutions/ or assignments/)."""
    return graded("lenet")


def reference_conv_output_size(
    size: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> int:
    """The specified formula, floor((n + 2p - d(k - 1) - 1) / s) + 1."""
    return (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1


@pytest.fixture
def specified_conv_output_size() -> Callable[..., int]:
    """The specified ``conv_output_size``, for the tasks that build on it."""
    return reference_conv_output_size


def torch_output_size(layer: nn.Module, size: int) -> int:
    """The width of ``layer``'s output for one single-channel ``size`` x ``size`` image."""
    return layer(torch.zeros(1, 1, size, size)).shape[-1]


@pytest.fixture
def measured_size() -> Callable[[nn.Module, int], int]:
    """``measured_size(layer, n)``: what a PyTorch layer actually outputs for an n x n input."""
    return torch_output_size


class ReferenceLeNet5(nn.Module):
    """LeNet-5 as specified, with ``features`` and ``classifier`` parts."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2),
            nn.Tanh(),
            nn.MaxPool2d(kernel_size=2),
            nn.Conv2d(6, 16, kernel_size=5),
            nn.Tanh(),
            nn.MaxPool2d(kernel_size=2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(400, 120),
            nn.Tanh(),
            nn.Linear(120, 84),
            nn.Tanh(),
            nn.Linear(84, num_classes),
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(images).flatten(start_dim=1))


@pytest.fixture
def reference_lenet() -> Callable[..., nn.Module]:
    """``reference_lenet(num_classes=10)``: the specified LeNet-5, freshly initialised."""
    return ReferenceLeNet5


@pytest.fixture
def make_lenet(hw4: ModuleType) -> Callable[[nn.Module], nn.Module]:
    """``make_lenet(reference)``: the student's LeNet5 holding the parts of a reference
    LeNet-5, built without the student's ``__init__`` (Task 4.3)."""

    def make(reference: nn.Module) -> nn.Module:
        model = object.__new__(hw4.LeNet5)
        nn.Module.__init__(model)
        model.features, model.classifier = reference.features, reference.classifier
        return model

    return make

"""Fixtures of the HW2 graders: seeded float64 data and the reference gradients.

The reference is ``torch.autograd`` on the loss written with torch operations, and central
finite differences of that loss; each task gets the reference values of the tasks it builds
on, so one unfinished or wrong task never costs the points of another.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest
import torch

FINITE_DIFFERENCE_STEP = 1e-6


@pytest.fixture
def hw2(graded: Callable[[str], ModuleType]) -> ModuleType:
    """The backprop module under grade (solutions/ or assignments/)."""
    return graded("backprop")


@dataclass(frozen=True)
class Batch:
    """Inputs, targets, parameters, and autograd's gradients of the loss for them."""

    features: torch.Tensor
    targets: torch.Tensor
    weights: torch.Tensor
    bias: torch.Tensor
    predictions: torch.Tensor
    delta: torch.Tensor
    weight_gradient: torch.Tensor
    bias_gradient: torch.Tensor
    input_gradient: torch.Tensor


def reference_loss(
    features: torch.Tensor, targets: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor
) -> torch.Tensor:
    """The loss by definition: mean((tanh(X w + b) - y)^2)."""
    return ((torch.tanh(features @ weights + bias) - targets) ** 2).mean()


def make_batch(num_examples: int, num_features: int, seed: int) -> Batch:
    """Random float64 data and parameters with autograd's gradients of the loss."""
    generator = torch.Generator().manual_seed(seed)

    def draw(*shape: int) -> torch.Tensor:
        return torch.randn(*shape, generator=generator, dtype=torch.float64)

    features, targets, weights = (
        draw(num_examples, num_features),
        draw(num_examples),
        draw(num_features),
    )
    bias = draw(())
    leaves = [tensor.clone().requires_grad_() for tensor in (features, weights, bias)]
    net_input = leaves[0] @ leaves[1] + leaves[2]
    net_input.retain_grad()
    ((torch.tanh(net_input) - targets) ** 2).mean().backward()
    return Batch(
        features=features,
        targets=targets,
        weights=weights,
        bias=bias,
        predictions=torch.tanh(features @ weights + bias),
        delta=net_input.grad.detach(),
        weight_gradient=leaves[1].grad.detach(),
        bias_gradient=leaves[2].grad.detach(),
        input_gradient=leaves[0].grad.detach(),
    )


def _finite_differences(
    loss: Callable[[torch.Tensor], torch.Tensor], at: torch.Tensor
) -> torch.Tensor:
    """Central differences of ``loss`` with respect to every entry of ``at``."""
    gradient = torch.zeros_like(at)
    for index in range(at.numel()):
        step = torch.zeros(at.numel(), dtype=at.dtype)
        step[index] = FINITE_DIFFERENCE_STEP
        step = step.reshape(at.shape)
        difference = loss(at + step) - loss(at - step)
        gradient.view(-1)[index] = difference / (2 * FINITE_DIFFERENCE_STEP)
    return gradient


@pytest.fixture
def finite_differences() -> Callable[..., torch.Tensor]:
    """``finite_differences(loss, at)``: central differences of a function of one tensor."""
    return _finite_differences


@pytest.fixture
def loss_of() -> Callable[..., torch.Tensor]:
    """``loss_of(features, targets, weights, bias)``: the loss by its definition."""
    return reference_loss


@pytest.fixture
def batch() -> Batch:
    """Five examples with three features, seeded."""
    return make_batch(num_examples=5, num_features=3, seed=0)


@pytest.fixture
def single_example() -> Batch:
    """One example with one feature: the smallest shapes, where broadcasting slips show."""
    return make_batch(num_examples=1, num_features=1, seed=3)

"""HW2: backpropagation by hand through one tanh neuron with mean-squared-error loss.

Lectures 5-6. For inputs ``X`` (n, d), weights ``w`` (d,), bias ``b`` and targets ``y`` (n,)::

    z = X w + b            net input, shape (n,)
    y_hat = tanh(z)        prediction, shape (n,)
    L = mean((y_hat - y)^2)

Derive the gradients with the chain rule and write them with tensor operations. Do not call
``backward()`` or ``torch.autograd``: the grader compares your gradients with autograd's and
with finite differences, in float64. Run ``course grade hw2`` to see your points, and this file
to watch gradient descent lower the loss::

    python -m assignments.hw2_backprop.backprop
"""

from __future__ import annotations

from dataclasses import dataclass

import torch


def forward(features: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """Task 2.1: the neuron's predictions ``tanh(X w + b)``, shape (n,)."""
    # BEGIN SOLUTION Task 2.1: compute the predictions of the neuron
    return torch.tanh(features @ weights + bias)
    # END SOLUTION


def mse_loss(predictions: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Task 2.2: the mean of the squared differences, a 0-dimensional tensor."""
    # BEGIN SOLUTION Task 2.2: compute the mean squared error
    return ((predictions - targets) ** 2).mean()
    # END SOLUTION


def output_delta(predictions: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Task 2.3: ``dL/dz``, the gradient of the loss with respect to the net input, shape (n,).

    Chain rule: ``dL/dz = dL/dy_hat * dy_hat/dz``; remember the 1/n of the mean and that
    ``tanh'(z) = 1 - tanh(z)^2``.
    """
    # BEGIN SOLUTION Task 2.3: derive and compute dL/dz
    return 2.0 * (predictions - targets) * (1.0 - predictions**2) / predictions.shape[0]
    # END SOLUTION


def parameter_gradients(
    features: torch.Tensor, delta: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Task 2.4: ``(dL/dw, dL/db)`` from ``delta = dL/dz``: shapes (d,) and () ."""
    # Hint: z = X w + b, so each example's delta flows to w through its features.
    # BEGIN SOLUTION Task 2.4: derive and compute dL/dw and dL/db from delta
    return features.T @ delta, delta.sum()
    # END SOLUTION


def input_gradient(weights: torch.Tensor, delta: torch.Tensor) -> torch.Tensor:
    """Task 2.5: ``dL/dX`` from ``delta = dL/dz``, the same shape as the inputs (n, d)."""
    # BEGIN SOLUTION Task 2.5: derive and compute dL/dX from delta
    return torch.outer(delta, weights)
    # END SOLUTION


def gradient_descent_step(
    weights: torch.Tensor,
    bias: torch.Tensor,
    weight_gradient: torch.Tensor,
    bias_gradient: torch.Tensor,
    learning_rate: float,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Task 2.6: new ``(weights, bias)``, one step of size ``learning_rate`` downhill.

    Return new tensors; leave the arguments unchanged.
    """
    # BEGIN SOLUTION Task 2.6: take one gradient-descent step
    return weights - learning_rate * weight_gradient, bias - learning_rate * bias_gradient
    # END SOLUTION


@dataclass(frozen=True)
class Gradients:
    """The loss's gradients with respect to the weights, the bias and the inputs."""

    weights: torch.Tensor
    bias: torch.Tensor
    features: torch.Tensor


def backward(
    features: torch.Tensor, targets: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor
) -> Gradients:
    """All gradients of the loss for one batch, from your tasks 2.1 and 2.3-2.5."""
    delta = output_delta(forward(features, weights, bias), targets)
    weight_gradient, bias_gradient = parameter_gradients(features, delta)
    return Gradients(weight_gradient, bias_gradient, input_gradient(weights, delta))


def main() -> None:
    """Fit the neuron to a noisy tanh of a linear function by gradient descent."""
    generator = torch.Generator().manual_seed(1)
    features = torch.randn(64, 3, generator=generator, dtype=torch.float64)
    true_weights = torch.tensor([0.5, -1.0, 0.25], dtype=torch.float64)
    noise = 0.05 * torch.randn(64, generator=generator, dtype=torch.float64)
    targets = torch.tanh(features @ true_weights + 0.1) + noise
    weights, bias = torch.zeros(3, dtype=torch.float64), torch.tensor(0.0, dtype=torch.float64)
    for step in range(201):
        gradients = backward(features, targets, weights, bias)
        if step % 50 == 0:
            loss = mse_loss(forward(features, weights, bias), targets)
            print(f"step {step:3d}: loss {loss.item():.4f}")
        weights, bias = gradient_descent_step(
            weights, bias, gradients.weights, gradients.bias, learning_rate=0.5
        )
    print(f"learned weights {weights.tolist()} (true {true_weights.tolist()})")


if __name__ == "__main__":
    main()

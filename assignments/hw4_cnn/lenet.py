"""HW4, part 2: LeNet-5 in PyTorch and one training step (lecture 13).

LeNet-5 (LeCun et al., 1998) for 28x28 grayscale images, 61,706 parameters for 10 classes::

    input                                1 x 28 x 28
    Conv2d(1 -> 6, 5x5, padding 2), tanh  6 x 28 x 28
    MaxPool2d(2)                          6 x 14 x 14
    Conv2d(6 -> 16, 5x5), tanh           16 x 10 x 10
    MaxPool2d(2)                         16 x  5 x  5
    flatten                              400
    Linear(400 -> 120), tanh             120
    Linear(120 -> 84), tanh              84
    Linear(84 -> classes)                classes (logits)

Fill in every ``# TODO``; run ``course grade hw4`` to see your points. Run this file to count
LeNet-5's parameters and train it for three epochs on synthetic digits (no download)::

    python -m assignments.hw4_cnn.lenet
"""

from __future__ import annotations

import torch
from torch import nn

from lecture_code.common.data import synthetic_digits


class LeNet5(nn.Module):
    """LeNet-5: ``self.features`` (convolutions and pooling), then ``self.classifier``."""

    def __init__(self, num_classes: int = 10) -> None:
        """Task 4.3: create the two parts of the network in the table above, as
        ``nn.Sequential`` modules:

        * ``self.features``: the two convolutions, each followed by ``nn.Tanh`` and
          ``nn.MaxPool2d``: images ``(n, 1, 28, 28)`` -> feature maps ``(n, 16, 5, 5)``;
        * ``self.classifier``: the three ``nn.Linear`` layers with ``nn.Tanh`` between them:
          flat features ``(n, 400)`` -> logits ``(n, num_classes)``.
        """
        super().__init__()
        # TODO Task 4.3: create self.features and self.classifier
        raise NotImplementedError("Task 4.3: create self.features and self.classifier")

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Task 4.4: logits ``(n, num_classes)`` for images ``(n, 1, 28, 28)``: the features,
        flattened to one vector per image, then the classifier."""
        # Hint: keep the batch dimension when you flatten (torch.flatten's start_dim).
        # TODO Task 4.4: run the features, flatten them, run the classifier
        raise NotImplementedError("Task 4.4: run the features, flatten them, run the classifier")


def train_step(
    model: nn.Module, optimizer: torch.optim.Optimizer, images: torch.Tensor, labels: torch.Tensor
) -> tuple[float, int]:
    """Task 4.5: one training step on one batch: zero the gradients, forward, cross-entropy
    loss, backward, step.

    Returns the batch's loss (a Python float) and how many of its images the model classified
    right (a Python int), both from the forward pass before the step.
    """
    # TODO Task 4.5: one training step; return the loss and the correct count
    raise NotImplementedError("Task 4.5: one training step; return the loss and the correct count")


def main() -> None:
    """Print LeNet-5's parameter count, then train it for three epochs on synthetic digits."""
    torch.manual_seed(1)
    model = LeNet5()
    print(f"{sum(p.numel() for p in model.parameters()):,} parameters")
    images, labels = synthetic_digits(1000, seed=1)
    images = images.float().div(255).unsqueeze(1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for epoch in range(1, 4):
        correct = 0
        for start in range(0, len(images), 50):
            batch = slice(start, start + 50)
            loss, batch_correct = train_step(model, optimizer, images[batch], labels[batch])
            correct += batch_correct
        print(f"epoch {epoch}: last batch loss {loss:.3f}, accuracy {correct / len(images):.1%}")


if __name__ == "__main__":
    main()

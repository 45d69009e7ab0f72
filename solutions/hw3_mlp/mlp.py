"""HW3: a multilayer perceptron in PyTorch (lecture 9).

You write the network as an ``nn.Module`` with two hidden layers, one training step, the
evaluation accuracy, the training loop, and the optimizer that trains it. Fill in every
``# TODO``; run ``course grade hw3`` to see your points. Run this file to train on small
synthetic digits (no download) and print the test accuracy::

    python -m assignments.hw3_mlp.mlp
"""

from __future__ import annotations

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from lecture_code.common.data import synthetic_digits


class MultilayerPerceptron(nn.Module):
    """Two hidden layers with ReLU, then a linear output layer giving one logit per class:
    flatten -> hidden_1 -> ReLU -> hidden_2 -> ReLU -> output."""

    def __init__(
        self, num_features: int, num_hidden_1: int, num_hidden_2: int, num_classes: int
    ) -> None:
        """Task 3.1: create the three ``nn.Linear`` layers as ``self.hidden_1``,
        ``self.hidden_2`` and ``self.output`` (in -> out: ``num_features -> num_hidden_1 ->
        num_hidden_2 -> num_classes``), each with a bias."""
        super().__init__()
        # Hint: the ReLUs have no parameters; torch.relu in forward is all they need.
        # BEGIN SOLUTION Task 3.1: create the layers hidden_1, hidden_2 and output
        self.hidden_1 = nn.Linear(num_features, num_hidden_1)
        self.hidden_2 = nn.Linear(num_hidden_1, num_hidden_2)
        self.output = nn.Linear(num_hidden_2, num_classes)
        # END SOLUTION

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        """Task 3.2: logits ``(n, num_classes)`` for a batch ``(n, ...)``, e.g. images
        ``(n, 1, 28, 28)``: flatten each example to a vector, then the layers above.

        Return raw logits: the loss applies the softmax itself.
        """
        # Hint: torch.flatten(inputs, start_dim=1) keeps the batch dimension.
        # BEGIN SOLUTION Task 3.2: flatten the inputs and run them through the layers
        hidden = torch.relu(self.hidden_1(torch.flatten(inputs, start_dim=1)))
        hidden = torch.relu(self.hidden_2(hidden))
        return self.output(hidden)
        # END SOLUTION


def train_step(
    model: nn.Module, optimizer: torch.optim.Optimizer, inputs: torch.Tensor, labels: torch.Tensor
) -> float:
    """Task 3.3: one step of training on one batch; return the batch's cross-entropy loss
    (computed before the step) as a Python float.

    The five moves of every PyTorch training step: zero the gradients, forward, loss,
    backward, step.
    """
    # Hint: nn.functional.cross_entropy takes logits and integer labels; .item() turns a 0-d tensor
    # into a float.
    # BEGIN SOLUTION Task 3.3: zero the gradients, forward, loss, backward, step
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss.item()
    # END SOLUTION


def accuracy(model: nn.Module, loader: DataLoader) -> float:
    """Task 3.4: the fraction (0 to 1) of all examples in ``loader`` whose largest logit is
    their label, as a Python float.

    Evaluate without tracking gradients, with the model in evaluation mode.
    """
    # Hint: batches may differ in size (the last one often does): count correct examples,
    # do not average the batches' accuracies.
    # BEGIN SOLUTION Task 3.4: count the correct predictions over every batch
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for inputs, labels in loader:
            correct += int((model(inputs).argmax(dim=1) == labels).sum())
            total += len(labels)
    return correct / total
    # END SOLUTION


def fit(
    model: nn.Module, optimizer: torch.optim.Optimizer, loader: DataLoader, epochs: int
) -> list[float]:
    """Task 3.5: train for ``epochs`` passes over ``loader`` with :func:`train_step`; return
    each epoch's mean batch loss.

    Put the model in training mode first (``accuracy`` leaves it in evaluation mode).
    """
    # BEGIN SOLUTION Task 3.5: call train_step on every batch of every epoch
    model.train()
    epoch_losses = []
    for _ in range(epochs):
        batch_losses = [train_step(model, optimizer, inputs, labels) for inputs, labels in loader]
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses
    # END SOLUTION


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    """Task 3.6: the optimizer (and its settings) that trains ``model``'s parameters.

    The grader trains an MLP (784 -> 64 -> 32 -> 10) on its own synthetic digits with it for
    5 epochs of 20 batches of 50 and awards points by the test accuracy reached: 60%, 75% and
    90%. Try plain SGD first and find a learning rate that gets there; then try momentum.
    """
    # BEGIN SOLUTION Task 3.6: choose an optimizer and its learning rate
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    # END SOLUTION


def digit_loader(count: int, seed: int, batch_size: int, shuffle: bool) -> DataLoader:
    """``count`` synthetic 28x28 digits (pixels scaled to 0-1) with their labels, in batches."""
    images, labels = synthetic_digits(count, seed=seed)
    dataset = TensorDataset(images.float().div(255).unsqueeze(1), labels)
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, generator=generator)


def main() -> None:
    """Train the MLP on synthetic digits and print the losses and the test accuracy."""
    torch.manual_seed(1)
    model = MultilayerPerceptron(28 * 28, num_hidden_1=64, num_hidden_2=32, num_classes=10)
    print(f"{sum(p.numel() for p in model.parameters()):,} parameters")
    train_loader = digit_loader(1000, seed=1, batch_size=50, shuffle=True)
    losses = fit(model, make_optimizer(model), train_loader, epochs=5)
    print("mean training loss per epoch: " + ", ".join(f"{loss:.3f}" for loss in losses))
    test_loader = digit_loader(500, seed=2, batch_size=100, shuffle=False)
    print(f"test accuracy: {accuracy(model, test_loader):.1%}")


if __name__ == "__main__":
    main()

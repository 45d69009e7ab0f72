"""HW1: the perceptron learning rule in NumPy (lecture 3).

Fill in every ``# TODO``; run ``course grade hw1`` to see your points. Run this file to train
on toy data and save a plot of the decision boundary::

    python -m assignments.hw1_perceptron.perceptron
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure


def toy_data(
    num_examples: int = 100, seed: int = 1, margin: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Two linearly separable classes of 2-D points (labels 0 and 1), shuffled.

    The classes lie on either side of the line ``x1 + x2 = 0``, at least ``margin`` from it.
    """
    generator = np.random.default_rng(seed)
    features = generator.uniform(-3.0, 3.0, size=(4 * num_examples, 2))
    distance = features.sum(axis=1) / np.sqrt(2.0)
    features = features[np.abs(distance) >= margin][:num_examples]
    labels = (features.sum(axis=1) > 0).astype(np.int64)
    return features, labels


class Perceptron:
    """A binary perceptron: predicts 1 where ``features @ weights + bias >= 0``, else 0."""

    def __init__(self, num_features: int) -> None:
        """Task 1.1: start with all-zero weights (float64, one per feature) and a zero bias."""
        # Hint: np.zeros takes a shape and a dtype.
        # BEGIN SOLUTION Task 1.1: set self.weights and self.bias
        self.weights = np.zeros(num_features, dtype=np.float64)
        self.bias = 0.0
        # END SOLUTION

    def net_input(self, features: np.ndarray) -> np.ndarray:
        """Task 1.2: the weighted sum ``z = X w + b`` per row of ``features``: (n, d) -> (n,)."""
        # Hint: one matrix-vector product, no loop.
        # BEGIN SOLUTION Task 1.2: compute the net input of every row
        return features @ self.weights + self.bias
        # END SOLUTION

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Task 1.3: class labels (int64 zeros and ones, shape (n,)): 1 where ``z >= 0``."""
        # BEGIN SOLUTION Task 1.3: turn the net input into class labels
        return (self.net_input(features) >= 0.0).astype(np.int64)
        # END SOLUTION

    def update(self, example: np.ndarray, label: int, learning_rate: float = 1.0) -> int:
        """Task 1.4: the perceptron rule for one example; return the error ``label - prediction``.

        ``w <- w + learning_rate * error * x`` and ``b <- b + learning_rate * error``: nothing
        changes when the prediction is right (error 0).
        """
        # Hint: predict expects a batch; example[np.newaxis] is a batch of one.
        # BEGIN SOLUTION Task 1.4: apply the perceptron rule to one example
        error = int(label) - int(self.predict(example[np.newaxis])[0])
        self.weights += learning_rate * error * example
        self.bias += learning_rate * error
        return error
        # END SOLUTION

    def train(
        self,
        features: np.ndarray,
        labels: np.ndarray,
        max_epochs: int = 100,
        learning_rate: float = 1.0,
    ) -> list[int]:
        """Task 1.5: run epochs of :meth:`update` over the examples in order, until an epoch
        makes no mistakes or ``max_epochs`` have run; return the mistakes of each epoch."""
        # Hint: an epoch's mistakes are the updates whose error was not 0.
        # BEGIN SOLUTION Task 1.5: train epoch by epoch until an epoch has no mistakes
        mistakes_per_epoch = []
        for _ in range(max_epochs):
            mistakes = sum(
                self.update(example, label, learning_rate) != 0
                for example, label in zip(features, labels, strict=True)
            )
            mistakes_per_epoch.append(int(mistakes))
            if mistakes == 0:
                break
        return mistakes_per_epoch
        # END SOLUTION


def accuracy(labels: np.ndarray, predictions: np.ndarray) -> float:
    """Task 1.6: the fraction (0 to 1) of predictions equal to the labels."""
    # BEGIN SOLUTION Task 1.6: compute the accuracy
    return float(np.mean(labels == predictions))
    # END SOLUTION


def decision_boundary(
    weights: np.ndarray, bias: float, x_min: float, x_max: float
) -> tuple[np.ndarray, np.ndarray]:
    """Task 1.7: the points ``(x_min, y0)`` and ``(x_max, y1)`` of the line ``w1 x + w2 y + b = 0``.

    Returns the two x values and the two y values, each of shape (2,). The weight ``w2`` of
    the second feature is not zero.
    """
    # Hint: solve w1 * x + w2 * y + b = 0 for y.
    # BEGIN SOLUTION Task 1.7: compute the two points of the decision boundary
    xs = np.array([x_min, x_max], dtype=np.float64)
    return xs, -(weights[0] * xs + bias) / weights[1]
    # END SOLUTION


def plot_decision_boundary(
    perceptron: Perceptron, features: np.ndarray, labels: np.ndarray, path: Path
) -> None:
    """Save a scatter plot of the two classes and the perceptron's decision boundary as PNG."""
    figure = Figure(figsize=(5, 5), layout="constrained")
    axes = figure.add_subplot()
    for label, marker in ((0, "o"), (1, "s")):
        chosen = labels == label
        axes.scatter(*features[chosen].T, marker=marker, label=f"class {label}", alpha=0.7)
    x_min, x_max = features[:, 0].min(), features[:, 0].max()
    axes.plot(*decision_boundary(perceptron.weights, perceptron.bias, x_min, x_max), "k--")
    axes.set(xlabel="feature 1", ylabel="feature 2", title="Perceptron decision boundary")
    axes.set_ylim(features[:, 1].min() - 0.5, features[:, 1].max() + 0.5)
    axes.legend()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)


def main() -> None:
    """Train on the toy data, print the accuracy and save the decision-boundary plot."""
    features, labels = toy_data()
    perceptron = Perceptron(num_features=2)
    mistakes = perceptron.train(features, labels)
    print(f"converged after {len(mistakes)} epochs; mistakes per epoch: {mistakes}")
    print(f"training accuracy: {accuracy(labels, perceptron.predict(features)):.0%}")
    path = Path("runs") / "hw1_perceptron" / "decision_boundary.png"
    plot_decision_boundary(perceptron, features, labels, path)
    print(f"decision boundary plot: {path}")


if __name__ == "__main__":
    main()

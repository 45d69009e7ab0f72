"""Fixtures of the HW1 graders.

Each task is graded on its own: a test builds its perceptron without the student's
``__init__`` (Task 1.1) and, where the task builds on another, replaces that one with the
specified rule, so one unfinished or wrong task never costs the points of another.
"""

from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest


@pytest.fixture
def hw1(graded: Callable[[str], ModuleType]) -> ModuleType:
    """The perceptron module under grade (solutions/ or assignments/)."""
    return graded("perceptron")


def _reference_predict(model: object) -> Callable[[np.ndarray], np.ndarray]:
    """The specified prediction rule: 1 where ``X w + b >= 0``, else 0."""
    return lambda features: (features @ model.weights + model.bias >= 0).astype(np.int64)


def _reference_update(model: object) -> Callable[..., int]:
    """The perceptron rule, built on the specified prediction."""

    def update(example: np.ndarray, label: int, learning_rate: float = 1.0) -> int:
        error = int(label) - int(_reference_predict(model)(example[np.newaxis])[0])
        model.weights = model.weights + learning_rate * error * example
        model.bias = model.bias + learning_rate * error
        return error

    return update


@pytest.fixture
def make_perceptron(hw1: ModuleType) -> Callable[..., object]:
    """``make_perceptron(weights, bias, reference=("predict", "update"))``: a Perceptron with
    these parameters whose named methods follow the specification instead of the student."""
    references = {"predict": _reference_predict, "update": _reference_update}

    def make(weights: list[float], bias: float, reference: tuple[str, ...] = ()) -> object:
        model = object.__new__(hw1.Perceptron)
        model.weights = np.asarray(weights, dtype=np.float64)
        model.bias = float(bias)
        for method in reference:
            setattr(model, method, references[method](model))
        return model

    return make

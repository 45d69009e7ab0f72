"""Graded tests start from one fixed random state on one thread, and leave no trace."""

from __future__ import annotations

import random

import numpy as np
import torch

from course.determinism import deterministic_random_state


def draw() -> tuple[float, float, float]:
    return random.random(), float(np.random.rand()), torch.rand(()).item()  # noqa: NPY002


def test_every_graded_test_draws_the_same_numbers_whatever_ran_before() -> None:
    with deterministic_random_state():
        first = draw()
    draw()  # whatever the previous test consumed
    with deterministic_random_state():
        assert draw() == first
        assert torch.get_num_threads() == 1


def test_the_surrounding_state_is_restored() -> None:
    threads = torch.get_num_threads()
    random.seed(42)
    np.random.seed(42)  # noqa: NPY002
    torch.manual_seed(42)
    expected = draw()
    random.seed(42)
    np.random.seed(42)  # noqa: NPY002
    torch.manual_seed(42)
    with deterministic_random_state():
        draw()
    assert draw() == expected
    assert torch.get_num_threads() == threads

"""Hidden HW3 tests: graded by the autograder, left out of the student repository."""

import pytest


@pytest.mark.task("3.6", points=1)
def test_optimizer_reaches_75_percent_from_other_seeds(accuracy_after_budget):
    """Your optimizer also reaches 75% from two other initialisations and data orders."""
    for seed in (1, 2):
        reached = accuracy_after_budget(seed=seed)
        assert reached >= 0.75, f"with seed {seed}: reached {reached:.1%} test accuracy, needs 75%"

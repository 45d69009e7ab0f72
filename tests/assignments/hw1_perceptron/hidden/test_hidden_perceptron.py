"""Hidden HW1 tests: graded by the autograder, left out of the student repository."""

import numpy as np
import pytest


@pytest.mark.task("1.5", points=2)
def test_train_with_small_learning_rate_on_other_data(hw1, make_perceptron):
    """Training with learning rate 0.1 on other toy data also separates it."""
    features, labels = hw1.toy_data(num_examples=60, seed=7)
    model = make_perceptron([0.0, 0.0], bias=0.0, reference=("predict", "update"))
    mistakes = model.train(features, labels, max_epochs=200, learning_rate=0.1)
    assert mistakes, "train should return the mistakes of each epoch, got an empty list"
    assert mistakes[-1] == 0, f"the last epoch should be error-free: {mistakes}"
    wrong = int(np.sum(model.predict(features) != labels))
    assert wrong == 0, f"{wrong} of {len(labels)} training points are still misclassified"

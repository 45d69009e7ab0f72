"""Graded tests of HW1, the perceptron in NumPy."""

from pathlib import Path

import numpy as np
import pytest

from course.checks import assert_close, assert_dtype, assert_shape, assert_type

EXACT = {"rtol": 1e-12, "atol": 1e-12}


@pytest.mark.task("1.1", points=1)
def test_parameters_start_at_zero(hw1):
    """The weights start as float64 zeros, one per feature, and the bias at 0."""
    model = hw1.Perceptron(num_features=3)
    assert_shape(model.weights, (3,), "Perceptron(num_features=3).weights")
    assert_dtype(model.weights, np.float64, "the weights")
    assert np.all(model.weights == 0), f"the weights should start at zero, got {model.weights}"
    assert float(model.bias) == 0.0, f"the bias should start at 0, got {model.bias}"


@pytest.mark.task("1.2", points=2)
def test_net_input_is_weighted_sum_plus_bias(make_perceptron, partial_credit):
    """net_input(X) is X w + b for a batch and for a single row."""
    model = make_perceptron([0.5, -2.0], bias=0.25)
    features = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]])
    with partial_credit.part("a batch of 3 rows"):
        assert_close(
            model.net_input(features), np.array([0.75, -1.75, -4.75]), "net_input(X)", **EXACT
        )
    with partial_credit.part("a batch of 1 row"):
        assert_close(model.net_input(features[:1]), np.array([0.75]), "net_input(X[:1])", **EXACT)


@pytest.mark.task("1.3", points=2)
def test_predict_thresholds_at_zero(make_perceptron, partial_credit):
    """predict gives int64 labels: 1 where the net input is >= 0 (0 included), else 0."""
    model = make_perceptron([1.0, 1.0], bias=0.0)
    model.net_input = lambda features: features @ model.weights + model.bias
    features = np.array([[1.0, 2.0], [-1.0, -2.0], [1.0, -1.0]])
    predictions = model.predict(features)
    with partial_credit.part("labels as an int64 array of shape (n,)"):
        assert_shape(predictions, (3,), "predict(X) for 3 rows")
        assert_dtype(predictions, np.int64, "predict(X)")
    with partial_credit.part("positive and negative net input"):
        assert list(predictions[:2]) == [1, 0], f"expected [1, 0], got {list(predictions[:2])}"
    with partial_credit.part("net input exactly 0"):
        assert predictions[2] == 1, "a net input of exactly 0 should predict class 1"


@pytest.mark.task("1.4", points=3)
def test_update_follows_the_perceptron_rule(make_perceptron, partial_credit):
    """update changes nothing on a right prediction and moves w, b by lr * error otherwise."""
    example = np.array([2.0, -1.0])
    with partial_credit.part("right prediction: error 0, parameters unchanged"):
        model = make_perceptron([1.0, 0.0], bias=0.0, reference=("predict",))
        assert model.update(example, 1, learning_rate=0.5) == 0, "the error should be 0"
        assert_close(model.weights, np.array([1.0, 0.0]), "the weights", **EXACT)
        assert model.bias == 0.0, f"the bias should stay 0, got {model.bias}"
    with partial_credit.part("predicted 0 for label 1: error +1, moves towards the example"):
        model = make_perceptron([-1.0, 0.0], bias=0.0, reference=("predict",))
        assert model.update(example, 1, learning_rate=0.5) == 1, "the error should be +1"
        assert_close(model.weights, np.array([0.0, -0.5]), "w + 0.5 * 1 * x", **EXACT)
        assert model.bias == 0.5, f"the bias should become 0.5, got {model.bias}"
    with partial_credit.part("predicted 1 for label 0: error -1, moves away from it"):
        model = make_perceptron([1.0, 0.0], bias=0.0, reference=("predict",))
        assert model.update(example, 0, learning_rate=0.5) == -1, "the error should be -1"
        assert_close(model.weights, np.array([0.0, 0.5]), "w + 0.5 * (-1) * x", **EXACT)
        assert model.bias == -0.5, f"the bias should become -0.5, got {model.bias}"


@pytest.mark.task("1.5", points=3)
def test_train_stops_at_first_error_free_epoch(make_perceptron, partial_credit):
    """train runs epochs in order until one makes no mistakes and returns mistakes per epoch."""
    with partial_credit.part("two points traced by hand: mistakes [1, 0]"):
        model = make_perceptron([0.0, 0.0], bias=0.0, reference=("predict", "update"))
        mistakes = model.train(np.array([[1.0, 1.0], [-1.0, -1.0]]), np.array([1, 0]))
        assert list(mistakes) == [1, 0], f"mistakes per epoch should be [1, 0], got {mistakes}"
        assert_close(model.weights, np.array([1.0, 1.0]), "the trained weights", **EXACT)
    with partial_credit.part("XOR is not separable: stops after max_epochs"):
        model = make_perceptron([0.0, 0.0], bias=0.0, reference=("predict", "update"))
        xor = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        mistakes = model.train(xor, np.array([0, 1, 1, 0]), max_epochs=5)
        assert len(mistakes) == 5, f"expected 5 epochs (max_epochs), got {len(mistakes)}"


@pytest.mark.task("1.5", points=1)
def test_train_separates_the_toy_data(hw1, make_perceptron):
    """After training on the toy data every training point is classified right."""
    features, labels = hw1.toy_data()
    model = make_perceptron([0.0, 0.0], bias=0.0, reference=("predict", "update"))
    mistakes = model.train(features, labels)
    assert mistakes, "train should return the mistakes of each epoch, got an empty list"
    assert mistakes[-1] == 0, f"the last epoch should be error-free: {mistakes}"
    wrong = int(np.sum(model.predict(features) != labels))
    assert wrong == 0, f"{wrong} of {len(labels)} training points are still misclassified"


@pytest.mark.task("1.6", points=1)
def test_accuracy_is_fraction_correct(hw1):
    """accuracy is the fraction of equal labels, as a Python float."""
    value = hw1.accuracy(np.array([1, 0, 1, 1]), np.array([1, 1, 1, 1]))
    assert_type(value, float, "accuracy(...)")
    assert value == pytest.approx(0.75), f"3 of 4 right should give 0.75, got {value}"


@pytest.mark.task("1.7", points=2)
def test_decision_boundary_lies_on_the_line(hw1, make_perceptron, tmp_path: Path, partial_credit):
    """decision_boundary returns two points of w1 x + w2 y + b = 0 at x_min and x_max."""
    weights, bias = np.array([2.0, -4.0]), 1.0
    with partial_credit.part("the two points"):
        xs, ys = hw1.decision_boundary(weights, bias, -1.0, 3.0)
        assert_close(xs, np.array([-1.0, 3.0]), "the x values", **EXACT)
        assert_close(ys, np.array([-0.25, 1.75]), "the y values", **EXACT)
    with partial_credit.part("the plot helper saves a PNG with it"):
        features, labels = hw1.toy_data(num_examples=20)
        path = tmp_path / "boundary.png"
        hw1.plot_decision_boundary(make_perceptron(weights, bias), features, labels, path)
        assert path.read_bytes().startswith(b"\x89PNG"), "the plot should be saved as a PNG"

"""Hidden HW2 tests: graded by the autograder, left out of the student repository."""

import pytest

from course.checks import assert_close, assert_shape

AUTOGRAD = {"rtol": 1e-10, "atol": 1e-12, "reference": "torch.autograd"}


@pytest.mark.task("2.4", points=1)
def test_parameter_gradients_for_one_example_and_one_feature(hw2, single_example):
    """The parameter gradients keep their shapes for a batch of one example and one feature."""
    weight_gradient, bias_gradient = hw2.parameter_gradients(
        single_example.features, single_example.delta
    )
    assert_shape(weight_gradient, (1,), "dL/dw for one feature")
    assert_close(weight_gradient, single_example.weight_gradient, "dL/dw", **AUTOGRAD)
    assert_close(bias_gradient, single_example.bias_gradient, "dL/db", **AUTOGRAD)


@pytest.mark.task("2.5", points=1)
def test_input_gradient_for_one_example_and_one_feature(hw2, single_example):
    """dL/dX keeps the shape (1, 1) of a single one-feature input."""
    gradient = hw2.input_gradient(single_example.weights, single_example.delta)
    assert_close(gradient, single_example.input_gradient, "dL/dX", **AUTOGRAD)

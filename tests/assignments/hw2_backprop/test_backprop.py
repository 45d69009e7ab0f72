"""Graded tests of HW2: a tanh neuron's gradients by hand, against torch.autograd and finite
differences, in float64."""

import pytest
import torch

from course.checks import assert_close, assert_dtype

AUTOGRAD = {"rtol": 1e-10, "atol": 1e-12, "reference": "torch.autograd"}
FINITE = {"rtol": 1e-6, "atol": 1e-8, "reference": "finite differences"}
EXACT = {"rtol": 1e-12, "atol": 1e-12}


@pytest.mark.task("2.1", points=2)
def test_forward_is_tanh_of_net_input(hw2, batch):
    """forward gives tanh(X w + b): shape (n,), float64."""
    predictions = hw2.forward(batch.features, batch.weights, batch.bias)
    assert_dtype(predictions, torch.float64, "forward(...)")
    assert_close(predictions, batch.predictions, "forward(X, w, b)", **EXACT)


@pytest.mark.task("2.2", points=1)
def test_mse_loss_is_mean_squared_difference(hw2, batch):
    """mse_loss is the mean of the squared differences, a 0-dimensional tensor."""
    loss = hw2.mse_loss(batch.predictions, batch.targets)
    expected = torch.nn.functional.mse_loss(batch.predictions, batch.targets)
    assert_close(loss, expected, "mse_loss(y_hat, y)", **EXACT)


@pytest.mark.task("2.3", points=3)
def test_output_delta_matches_autograd(hw2, batch, finite_differences, partial_credit):
    """output_delta is dL/dz: equal to autograd's and to finite differences."""
    delta = hw2.output_delta(batch.predictions, batch.targets)
    with partial_credit.part("against torch.autograd"):
        assert_dtype(delta, torch.float64, "output_delta(...)")
        assert_close(delta, batch.delta, "dL/dz", **AUTOGRAD)
    with partial_credit.part("against finite differences"):
        net_input = batch.features @ batch.weights + batch.bias
        numeric = finite_differences(
            lambda z: ((torch.tanh(z) - batch.targets) ** 2).mean(), net_input
        )
        assert_close(delta, numeric, "dL/dz", **FINITE)


@pytest.mark.task("2.4", points=3)
def test_parameter_gradients_match_autograd(
    hw2, batch, finite_differences, loss_of, partial_credit
):
    """parameter_gradients gives dL/dw (d,) and dL/db (): autograd's and finite differences'."""
    weight_gradient, bias_gradient = hw2.parameter_gradients(batch.features, batch.delta)
    with partial_credit.part("dL/dw against torch.autograd"):
        assert_close(weight_gradient, batch.weight_gradient, "dL/dw", **AUTOGRAD)
    with partial_credit.part("dL/db against torch.autograd"):
        assert_close(bias_gradient, batch.bias_gradient, "dL/db", **AUTOGRAD)
    with partial_credit.part("dL/dw against finite differences"):
        numeric = finite_differences(
            lambda w: loss_of(batch.features, batch.targets, w, batch.bias), batch.weights
        )
        assert_close(weight_gradient, numeric, "dL/dw", **FINITE)


@pytest.mark.task("2.5", points=2)
def test_input_gradient_matches_autograd(hw2, batch, finite_differences, loss_of, partial_credit):
    """input_gradient gives dL/dX, shape (n, d): autograd's and finite differences'."""
    gradient = hw2.input_gradient(batch.weights, batch.delta)
    with partial_credit.part("against torch.autograd"):
        assert_close(gradient, batch.input_gradient, "dL/dX", **AUTOGRAD)
    with partial_credit.part("against finite differences"):
        numeric = finite_differences(
            lambda x: loss_of(x, batch.targets, batch.weights, batch.bias), batch.features
        )
        assert_close(gradient, numeric, "dL/dX", **FINITE)


@pytest.mark.task("2.6", points=2)
def test_gradient_descent_step_moves_downhill(hw2, batch, partial_credit):
    """gradient_descent_step returns w - lr dL/dw and b - lr dL/db, leaving its inputs alone."""
    weights, bias = batch.weights.clone(), batch.bias.clone()
    new_weights, new_bias = hw2.gradient_descent_step(
        weights, bias, batch.weight_gradient, batch.bias_gradient, 0.1
    )
    with partial_credit.part("the new parameters"):
        expected = batch.weights - 0.1 * batch.weight_gradient
        assert_close(new_weights, expected, "the new weights", **EXACT)
        assert_close(new_bias, batch.bias - 0.1 * batch.bias_gradient, "the new bias", **EXACT)
    with partial_credit.part("the arguments are left unchanged"):
        assert torch.equal(weights, batch.weights), "the weights passed in were modified"
        assert torch.equal(bias, batch.bias), "the bias passed in was modified"

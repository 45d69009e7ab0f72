"""HW2 mutants: each breaks one task of the tanh neuron and must lose exactly its points."""

from course.mutants import Mutant

MUTANTS = (
    Mutant(
        name="delta_forgets_tanh_derivative",
        breaks="2.3",
        file="backprop.py",
        find="return 2.0 * (predictions - targets) * (1.0 - predictions**2) / predictions.shape[0]",
        replace="return 2.0 * (predictions - targets) / predictions.shape[0]",
    ),
    Mutant(
        name="input_gradient_forgets_weights",
        breaks="2.5",
        file="backprop.py",
        find="return torch.outer(delta, weights)",
        replace="return torch.outer(delta, torch.ones_like(weights))",
    ),
    Mutant(
        name="step_goes_uphill",
        breaks="2.6",
        file="backprop.py",
        find="return weights - learning_rate * weight_gradient, bias - learning_rate *",
        replace="return weights + learning_rate * weight_gradient, bias - learning_rate *",
    ),
)

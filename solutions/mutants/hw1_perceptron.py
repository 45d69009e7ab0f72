"""HW1 mutants: each breaks one task of the perceptron and must lose exactly its points."""

from course.mutants import Mutant

MUTANTS = (
    Mutant(
        name="predict_strict_threshold",
        breaks="1.3",
        file="perceptron.py",
        find="return (self.net_input(features) >= 0.0).astype(np.int64)",
        replace="return (self.net_input(features) > 0.0).astype(np.int64)",
    ),
    Mutant(
        name="update_ignores_learning_rate",
        breaks="1.4",
        file="perceptron.py",
        find="self.weights += learning_rate * error * example",
        replace="self.weights += error * example",
    ),
    Mutant(
        name="train_never_stops_early",
        breaks="1.5",
        file="perceptron.py",
        find="if mistakes == 0:\n                break",
        replace="if mistakes < 0:\n                break",
    ),
    Mutant(
        name="accuracy_counts_errors",
        breaks="1.6",
        file="perceptron.py",
        find="return float(np.mean(labels == predictions))",
        replace="return float(np.mean(labels != predictions))",
    ),
)

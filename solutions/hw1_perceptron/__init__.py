"""HW1: a perceptron in NumPy."""

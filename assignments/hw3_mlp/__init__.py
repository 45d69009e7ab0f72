"""HW3: a multilayer perceptron in PyTorch."""

"""Lecture 3: the perceptron, in NumPy and in PyTorch, and why vectorised code is fast."""

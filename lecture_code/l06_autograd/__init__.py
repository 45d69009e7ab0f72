"""Lecture 6: automatic differentiation with PyTorch's autograd."""

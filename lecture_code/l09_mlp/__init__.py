"""Lecture 9: multilayer perceptrons: XOR, MNIST, and a custom Dataset."""

"""Lecture 4: linear algebra for deep learning: tensors, shapes and broadcasting."""

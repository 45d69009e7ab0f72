"""Lecture 5: gradient descent: linear regression and ADALINE."""

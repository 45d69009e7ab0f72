"""Lecture 8: logistic and softmax regression, and the cross-entropy loss."""

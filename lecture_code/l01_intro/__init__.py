"""Lecture 1: introduction, and the LeNet-5 demo every student runs first."""

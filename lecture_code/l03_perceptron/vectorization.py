"""Lecture 3: why vectorised code is fast: one dot product as a Python loop, in NumPy, in PyTorch.

Run it as a file or as a module (from the repository root):

    python lecture_code/l03_perceptron/vectorization.py
    python -m lecture_code.l03_perceptron.vectorization --size 100000 --repeats 3

A neuron's net input is the dot product of its inputs and weights. Computed element by element
in a Python loop, every multiplication goes through the interpreter; ``np.dot`` and
``torch.dot`` hand the whole vector to compiled code that uses the CPU's vector instructions.
The script checks that all methods give the same number, then prints each one's best time.

What to expect: with a million elements the loop takes tens of milliseconds; NumPy is a few
hundred times faster, PyTorch several to a few hundred times (on the CPU its float64 kernels and
thread start-up cost more); the factors depend on the machine. Nothing is written to disk.
"""

# %% Imports
from __future__ import annotations

import argparse
import math
import sys
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path

if not __package__:  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
import torch

from lecture_code.common.cli import ArgumentParser, positive_int
from lecture_code.common.interactive import run_script


# %% Three ways to compute one dot product
def dot_with_loop(inputs: list[float], weights: list[float]) -> float:
    """The dot product one multiplication at a time, as plain Python runs it."""
    total = 0.0
    for x, w in zip(inputs, weights, strict=True):
        total += x * w
    return total


def dot_products(size: int, seed: int) -> dict[str, tuple[Callable[[], float], float]]:
    """Each method's function (no arguments) and its result, on the same random vectors."""
    rng = np.random.default_rng(seed)
    inputs, weights = rng.random(size), rng.random(size)
    input_list, weight_list = inputs.tolist(), weights.tolist()
    input_tensor, weight_tensor = torch.from_numpy(inputs), torch.from_numpy(weights)
    methods: dict[str, Callable[[], float]] = {
        "Python loop": lambda: dot_with_loop(input_list, weight_list),
        "NumPy np.dot": lambda: float(np.dot(inputs, weights)),
        "PyTorch torch.dot": lambda: float(torch.dot(input_tensor, weight_tensor)),
    }
    return {name: (method, method()) for name, method in methods.items()}


def best_time(method: Callable[[], float], repeats: int) -> float:
    """The fastest of ``repeats`` runs, in seconds: the least disturbed by other processes."""
    return min(timeit.repeat(method, number=1, repeat=repeats))


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="Time a dot product: Python loop vs NumPy vs PyTorch.")
    parser.add_argument(
        "--size", type=positive_int, default=1_000_000, help="vector length (default: %(default)s)"
    )
    parser.add_argument(
        "--repeats",
        type=positive_int,
        default=5,
        help="timed runs per method (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed for the random vectors")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    products = dot_products(args.size, args.seed)
    reference = products["Python loop"][1]
    for name, (_, value) in products.items():
        # Summation order differs between methods, so only rounding-level agreement is expected.
        if not math.isclose(value, reference, rel_tol=1e-9):
            raise AssertionError(f"{name} gave {value}, the loop {reference}")
    print(f"dot product of two random vectors of {args.size:,} elements = {reference:.6f}")
    loop_seconds = best_time(products["Python loop"][0], args.repeats)
    for name, (method, _) in products.items():
        seconds = loop_seconds if name == "Python loop" else best_time(method, args.repeats)
        print(f"{name:18s} {seconds * 1000:10.3f} ms  ({loop_seconds / seconds:7.1f}x the loop)")


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

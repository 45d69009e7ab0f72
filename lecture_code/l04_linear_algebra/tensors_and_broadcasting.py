"""Lecture 4: tensors, shapes and broadcasting, as a fully connected layer uses them.

Run it as a file or as a module (from the repository root):

    python lecture_code/l04_linear_algebra/tensors_and_broadcasting.py
    python -m lecture_code.l04_linear_algebra.tensors_and_broadcasting --device cpu

It prints, step by step: what a tensor is (shape, dtype, device, and the memory it shares with a
NumPy array); how a batch of inputs ``X`` of shape (n, m) meets a weight matrix ``W`` of shape
(h, m) in ``X @ W.T + b``, and why the bias ``b`` of shape (h,) is added to every row without a
loop (broadcasting); the broadcasting rule, including the error a shape mismatch raises; and
that ``torch.nn.Linear`` computes exactly ``X @ W.T + b``.

What to expect: every line ends in a shape or a check that holds (``True``); nothing is trained
and nothing is written to disk. Stepping through ``main`` in the debugger (or running the cells
in VS Code's Interactive Window) and inspecting each tensor is the point.
"""

# %% Imports
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if not __package__:  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
import torch
from torch import nn

from lecture_code.common.cli import DEVICE_CHOICES, ArgumentParser
from lecture_code.common.device import choose_device, describe_device
from lecture_code.common.interactive import run_script


# %% A fully connected layer is one matrix product plus a broadcast bias
def fully_connected(
    inputs: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor
) -> torch.Tensor:
    """Net inputs ``(n, h)`` of a layer with ``h`` units for a batch ``inputs`` of shape ``(n, m)``.

    ``weights`` is ``(h, m)``, one row per unit, the layout ``nn.Linear`` uses; ``bias`` is
    ``(h,)`` and broadcasting adds it to each of the ``n`` rows.
    """
    return inputs @ weights.T + bias


def broadcast_shape(*shapes: tuple[int, ...]) -> tuple[int, ...] | None:
    """The shape tensors of ``shapes`` broadcast to, or None where they cannot be combined.

    The rule: align shapes on the right; each pair of sizes must be equal or one of them 1.
    """
    try:
        return tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        return None


# %% Tensors: shape, dtype, device, and memory shared with NumPy
def show_tensor_basics(device: torch.device) -> None:
    """Print what a tensor carries besides its numbers."""
    array = np.arange(6, dtype=np.float32).reshape(2, 3)
    shared = torch.from_numpy(array)  # no copy: the tensor uses the array's memory
    array[0, 0] = 100.0
    print(f"torch.from_numpy shares memory with the array: {shared[0, 0].item() == 100.0}")
    on_device = shared.to(device)
    print(
        f"tensor of shape {tuple(on_device.shape)}, dtype {on_device.dtype}, "
        f"device {on_device.device}, {on_device.dim()} dimensions"
    )
    print(
        f"reshaped to (3, 2): {tuple(on_device.reshape(3, 2).shape)}; transposed: "
        f"{tuple(on_device.T.shape)}"
    )


# %% Broadcasting: the rule, and what a mismatch looks like
def show_broadcasting() -> None:
    """Print which shapes combine, and the error PyTorch raises when they do not."""
    for shapes in (((4, 3), (3,)), ((4, 3), (4, 1)), ((4, 1), (1, 3)), ((4, 3), (4,))):
        print(f"{' and '.join(map(str, shapes))} broadcast to {broadcast_shape(*shapes)}")
    try:
        torch.ones(4, 3) + torch.ones(4)
    except RuntimeError as error:
        print(f"adding (4, 3) and (4,) fails: {error}")


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="Tensors, shapes and broadcasting (lecture 4).")
    parser.add_argument("--seed", type=int, default=1, help="seed for the random tensors")
    parser.add_argument(
        "--device",
        choices=DEVICE_CHOICES,
        default="auto",
        help="where the tensors live; auto picks CUDA, then Apple MPS, then CPU",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    device = choose_device(args.device)
    torch.manual_seed(args.seed)
    print(f"device: {describe_device(device)}")
    show_tensor_basics(device)

    batch_size, num_features, num_units = 5, 4, 3
    inputs = torch.randn(batch_size, num_features, device=device)  # X: one example per row
    layer = nn.Linear(num_features, num_units).to(device)
    weights, bias = layer.weight.detach(), layer.bias.detach()
    net_inputs = fully_connected(inputs, weights, bias)
    print(
        f"X {tuple(inputs.shape)} @ W.T {tuple(weights.T.shape)} + b {tuple(bias.shape)} "
        f"-> {tuple(net_inputs.shape)}: one row of {num_units} net inputs per example"
    )
    with torch.no_grad():
        print(f"nn.Linear computes X @ W.T + b: {torch.allclose(layer(inputs), net_inputs)}")
    one_at_a_time = torch.stack([weights @ example + bias for example in inputs])
    print(f"the batch equals one example at a time: {torch.allclose(one_at_a_time, net_inputs)}")
    show_broadcasting()


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

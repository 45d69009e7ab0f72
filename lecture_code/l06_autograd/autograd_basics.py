"""Lecture 6: PyTorch's autograd: the computation graph, ``.grad``, ``requires_grad``,
``torch.no_grad`` and ``retain_graph``.

Run it as a file or as a module (from the repository root):

    python lecture_code/l06_autograd/autograd_basics.py
    python -m lecture_code.l06_autograd.autograd_basics

Each step prints what autograd did and checks it against the derivative worked out by hand, for
a single neuron ``a = relu(w * x + b)`` and for ``y = x^3``:

1. tensors that ``requires_grad`` record the operations on them (each result's ``grad_fn``);
2. ``backward()`` fills ``.grad`` of the leaves with the chain rule's result;
3. gradients accumulate in ``.grad`` until zeroed, which is why training loops zero them;
4. ``torch.autograd.grad`` returns gradients instead of accumulating them; with
   ``create_graph=True`` it differentiates again (second derivatives);
5. a graph is freed by ``backward()`` unless ``retain_graph=True`` keeps it for a second pass;
6. inside ``torch.no_grad()`` nothing is recorded (evaluation, weight updates); ``.detach()``
   cuts one tensor from the graph.

What to expect: every check prints ``True``; nothing is written to disk.
"""

# %% Imports
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if not __package__:  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import torch
import torch.nn.functional as F

from lecture_code.common.cli import ArgumentParser
from lecture_code.common.interactive import run_script


# %% 1-2. The graph, and backward() filling .grad
def neuron_gradients(x: float, w: float, b: float) -> dict[str, float]:
    """Gradients of ``a = relu(w * x + b)`` by autograd and by hand (relu' is 1 where z > 0).

    Returns ``{"w": ..., "b": ..., "x": ...}`` from autograd and the same keys prefixed by
    ``hand_`` from the chain rule: ``da/dw = relu'(z) * x``, ``da/db = relu'(z)``,
    ``da/dx = relu'(z) * w``.
    """
    x_t = torch.tensor(x, requires_grad=True)
    w_t = torch.tensor(w, requires_grad=True)
    b_t = torch.tensor(b, requires_grad=True)
    z = w_t * x_t + b_t
    a = F.relu(z)
    print(
        f"a = relu(w * x + b) = {a.item():.3f}; recorded as {type(a.grad_fn).__name__} <- "
        f"{type(z.grad_fn).__name__}"
    )
    a.backward()
    slope = 1.0 if w * x + b > 0 else 0.0
    return {
        "w": w_t.grad.item(),
        "b": b_t.grad.item(),
        "x": x_t.grad.item(),
        "hand_w": slope * x,
        "hand_b": slope,
        "hand_x": slope * w,
    }


# %% 3. Gradients accumulate until zeroed
def accumulated_gradient(x: float, passes: int) -> float:
    """``.grad`` of ``x`` after ``passes`` backward passes through ``y = x^3`` without zeroing:
    ``passes`` times ``3 x^2``."""
    x_t = torch.tensor(x, requires_grad=True)
    for _ in range(passes):
        (x_t**3).backward()
    return x_t.grad.item()


# %% 4. torch.autograd.grad, and second derivatives
def first_and_second_derivative(x: float) -> tuple[float, float]:
    """``dy/dx = 3 x^2`` and ``d2y/dx2 = 6 x`` of ``y = x^3``, both by autograd."""
    x_t = torch.tensor(x, requires_grad=True)
    (first,) = torch.autograd.grad(x_t**3, x_t, create_graph=True)
    (second,) = torch.autograd.grad(first, x_t)
    return first.item(), second.item()


# %% 5. retain_graph: a second backward pass through the same graph
def second_backward_needs_retain_graph(x: float) -> tuple[bool, float]:
    """Whether a second ``backward()`` on a freed graph fails, and ``.grad`` after two passes
    through a retained one (twice ``3 x^2``)."""
    x_t = torch.tensor(x, requires_grad=True)
    y = torch.sin(x_t) * x_t**3  # sin saves its input for backward, so a freed graph is felt
    y.backward()
    try:
        y.backward()
        failed = False
    except RuntimeError:
        failed = True
    x_t.grad = None
    cube = x_t**3
    cube.backward(retain_graph=True)
    cube.backward()
    return failed, x_t.grad.item()


# %% 6. no_grad and detach: computing without recording
def recorded_under_no_grad() -> tuple[bool, bool, bool]:
    """``requires_grad`` of a result computed normally, inside ``torch.no_grad()``, detached."""
    w = torch.ones(3, requires_grad=True)
    normal = w * 2
    with torch.no_grad():
        unrecorded = w * 2
    return normal.requires_grad, unrecorded.requires_grad, normal.detach().requires_grad


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; this demo has no options beyond --help."""
    parser = ArgumentParser(description="Autograd basics (lecture 6).")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    parse_args(argv)
    gradients = neuron_gradients(x=2.0, w=0.5, b=0.1)
    for name in ("w", "b", "x"):
        print(
            f"da/d{name}: autograd {gradients[name]:.3f}, by hand {gradients['hand_' + name]:.3f}: "
            f"{gradients[name] == gradients['hand_' + name]}"
        )
    print(
        f"two backward passes without zeroing accumulate 2 * 3x^2 = 24 at x = 2: "
        f"{accumulated_gradient(2.0, passes=2) == 24.0}"
    )
    first, second = first_and_second_derivative(2.0)
    print(
        f"torch.autograd.grad: dy/dx = {first} (3x^2 = 12), d2y/dx2 = {second} (6x = 12): "
        f"{(first, second) == (12.0, 12.0)}"
    )
    failed, retained = second_backward_needs_retain_graph(2.0)
    print(
        f"a second backward() on a freed graph fails: {failed}; with retain_graph=True "
        f"it accumulates 2 * 12 = {retained}: {retained == 24.0}"
    )
    normal, unrecorded, detached = recorded_under_no_grad()
    print(
        f"requires_grad: normally {normal}, under torch.no_grad() {unrecorded}, "
        f"after .detach() {detached}"
    )


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

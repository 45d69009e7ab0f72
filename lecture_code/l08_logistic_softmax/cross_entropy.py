"""Lecture 8: the cross-entropy loss written by hand, and PyTorch's ``F.cross_entropy``.

Run it as a file or as a module (from the repository root):

    python lecture_code/l08_logistic_softmax/cross_entropy.py
    python -m lecture_code.l08_logistic_softmax.cross_entropy --seed 3

For a batch of logits (the net inputs of a softmax layer) and integer class labels it computes
the mean cross-entropy four ways and prints them side by side:

1. by hand, literally: softmax, then ``-sum(one_hot * log(probabilities))``;
2. by hand, stably: ``logsumexp(z) - z[label]``, which never exponentiates a large logit;
3. ``F.nll_loss(F.log_softmax(logits))``, the two steps PyTorch fuses;
4. ``F.cross_entropy(logits, labels)``, which takes logits, not probabilities.

Then it multiplies the logits by 100 to show why the stable form matters: the literal formula
overflows to ``nan`` while the other three still agree.

What to expect: the four values agree to within 1e-6 on ordinary logits; on the large logits the
literal formula prints ``nan`` and the others a finite loss. Nothing is written to disk.
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


# %% Cross-entropy by hand
def softmax(logits: torch.Tensor) -> torch.Tensor:
    """``exp(z_j) / sum_k exp(z_k)`` along each row, exactly as written on the slide."""
    exponentials = torch.exp(logits)
    return exponentials / exponentials.sum(dim=1, keepdim=True)


def cross_entropy_literal(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean of ``-sum_j onehot_j * log(softmax(z)_j)``: correct maths, but ``exp`` overflows
    for logits above about 88 (float32)."""
    one_hot = F.one_hot(labels, num_classes=logits.shape[1]).float()
    return -(one_hot * torch.log(softmax(logits))).sum(dim=1).mean()


def cross_entropy_stable(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean of ``logsumexp(z) - z[label]``: the same value, computed without overflow."""
    correct_logits = logits.gather(1, labels.unsqueeze(1)).squeeze(1)
    return (torch.logsumexp(logits, dim=1) - correct_logits).mean()


def all_cross_entropies(logits: torch.Tensor, labels: torch.Tensor) -> dict[str, float]:
    """The mean cross-entropy of ``logits`` ``(N, classes)`` and ``labels`` ``(N,)``, four ways."""
    return {
        "by hand, literal": cross_entropy_literal(logits, labels).item(),
        "by hand, stable": cross_entropy_stable(logits, labels).item(),
        "F.nll_loss(F.log_softmax)": F.nll_loss(F.log_softmax(logits, dim=1), labels).item(),
        "F.cross_entropy": F.cross_entropy(logits, labels).item(),
    }


# %% Command line and main
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line; invalid values exit with one line saying what to change."""
    parser = ArgumentParser(description="Cross-entropy by hand and in PyTorch (lecture 8).")
    parser.add_argument("--seed", type=int, default=1, help="seed for the random logits")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    generator = torch.Generator().manual_seed(args.seed)
    logits = torch.randn(8, 10, generator=generator)  # a batch of 8 examples, 10 classes
    labels = torch.randint(10, (8,), generator=generator)
    for title, scale in (("ordinary logits", 1.0), ("logits x 100", 100.0)):
        print(f"{title}:")
        for name, value in all_cross_entropies(logits * scale, labels).items():
            print(f"  {name:27s} {value:.6f}")


# %% Run: with the command line from a terminal, with the defaults in the Interactive Window
if __name__ == "__main__":
    run_script(main)

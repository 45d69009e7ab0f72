"""HW4, part 1: how big is the output of a convolution or a pooling layer? (lecture 13)

Along one spatial dimension of size ``n``, a kernel of size ``k`` with stride ``s``, padding
``p`` (on both sides) and dilation ``d`` fits

    floor((n + 2p - d(k - 1) - 1) / s) + 1

times. ``nn.Conv2d`` and ``nn.MaxPool2d`` (with ``ceil_mode=False``, the default) both follow
this formula in each spatial dimension; the grader checks yours against their actual outputs.
Run this file to see your formulas next to PyTorch's layers, for the layers of LeNet-5::

    python -m assignments.hw4_cnn.output_size
"""

from __future__ import annotations

import torch
from torch import nn


def conv_output_size(
    size: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> int:
    """Task 4.1: the output size of a convolution along one dimension of size ``size``.

    Raise ``ValueError`` when the (dilated) kernel does not fit into the padded input even
    once, as PyTorch refuses such a layer too.
    """
    # Hint: a dilated kernel spans d(k - 1) + 1 inputs; // is floor division for ints >= 0.
    # TODO Task 4.1: compute the output size with the formula above
    raise NotImplementedError("Task 4.1: compute the output size with the formula above")


def pool_output_size(
    size: int,
    kernel_size: int,
    stride: int | None = None,
    padding: int = 0,
    dilation: int = 1,
) -> int:
    """Task 4.2: the output size of a max-pooling layer along one dimension.

    The same formula as a convolution, but a pooling layer's stride defaults to its kernel
    size (``stride=None``), so that its windows do not overlap.
    """
    # TODO Task 4.2: fill in the default stride, then reuse conv_output_size
    raise NotImplementedError("Task 4.2: fill in the default stride, then reuse conv_output_size")


def main() -> None:
    """Follow a 28x28 image through LeNet-5's convolutions and pooling layers, printing the
    width from your formulas next to the shape PyTorch's layers produce."""
    layers = [
        nn.Conv2d(1, 6, kernel_size=5, padding=2),
        nn.MaxPool2d(kernel_size=2),
        nn.Conv2d(6, 16, kernel_size=5),
        nn.MaxPool2d(kernel_size=2),
    ]
    size, maps = 28, torch.zeros(1, 1, 28, 28)
    print(f"{'input':>10}: formula {size:2d}, PyTorch {tuple(maps.shape[1:])}")
    for layer in layers:
        maps = layer(maps)
        if isinstance(layer, nn.Conv2d):
            kernel, stride, padding = layer.kernel_size[0], layer.stride[0], layer.padding[0]
            size = conv_output_size(size, kernel, stride, padding)
        else:
            size = pool_output_size(size, layer.kernel_size)
        print(f"{type(layer).__name__:>10}: formula {size:2d}, PyTorch {tuple(maps.shape[1:])}")


if __name__ == "__main__":
    main()

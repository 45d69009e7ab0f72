"""Graded tests of HW4, part 1: output sizes of convolution and pooling, against PyTorch."""

import itertools

import pytest
from torch import nn

INPUT_SIZES = (5, 8, 13)
KERNEL_SIZES = (1, 2, 3, 5)


def _conv_cases(strides, dilations):
    """(size, kernel, stride, padding, dilation) for every combination where the kernel fits."""
    return [
        (size, kernel, stride, padding, dilation)
        for size, kernel, stride, padding, dilation in itertools.product(
            INPUT_SIZES, KERNEL_SIZES, strides, (0, 1, 2), dilations
        )
        if dilation * (kernel - 1) + 1 <= size + 2 * padding
    ]


def _call(name, size, kernel, stride, padding, dilation):
    return (
        f"{name}(size={size}, kernel_size={kernel}, stride={stride}, padding={padding}, "
        f"dilation={dilation})"
    )


CONV_GROUPS = {
    "kernel and padding (stride 1, dilation 1)": _conv_cases((1,), (1,)),
    "strides 2 and 3": _conv_cases((2, 3), (1,)),
    "dilations 2 and 3": _conv_cases((1, 2), (2, 3)),
}


@pytest.mark.task("4.1", points=3)
def test_conv_output_size_matches_conv2d(sizes, measured_size, partial_credit):
    """conv_output_size gives the width nn.Conv2d produces, for many kernels, strides,
    paddings and dilations, and raises ValueError where the kernel does not fit."""
    for group, cases in CONV_GROUPS.items():
        with partial_credit.part(group):
            for size, kernel, stride, padding, dilation in cases:
                layer = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding, dilation=dilation)
                expected = measured_size(layer, size)
                actual = sizes.conv_output_size(size, kernel, stride, padding, dilation)
                assert actual == expected, (
                    f"{_call('conv_output_size', size, kernel, stride, padding, dilation)} "
                    f"should be {expected} (what nn.Conv2d gives), got {actual}"
                )
    with partial_credit.part("a kernel that does not fit raises ValueError"):
        for size, kernel, padding, dilation in ((4, 5, 0, 1), (4, 3, 0, 2), (1, 5, 1, 1)):
            try:
                result = sizes.conv_output_size(size, kernel, 1, padding, dilation)
            except ValueError:
                continue
            raise AssertionError(
                f"{_call('conv_output_size', size, kernel, 1, padding, dilation)} should raise "
                f"ValueError (the kernel spans more than the padded input), got {result}"
            )


@pytest.mark.task("4.2", points=2)
def test_pool_output_size_matches_maxpool2d(
    sizes, specified_conv_output_size, measured_size, monkeypatch, partial_credit
):
    """pool_output_size gives the width nn.MaxPool2d produces; its stride defaults to the
    kernel size."""
    monkeypatch.setattr(sizes, "conv_output_size", specified_conv_output_size)
    with partial_credit.part("the default stride is the kernel size"):
        for size, kernel in itertools.product(range(4, 14), (2, 3)):
            expected = measured_size(nn.MaxPool2d(kernel), size)
            actual = sizes.pool_output_size(size, kernel)
            assert actual == expected, (
                f"pool_output_size(size={size}, kernel_size={kernel}) should be {expected} "
                f"(what nn.MaxPool2d({kernel}) gives), got {actual}"
            )
    with partial_credit.part("explicit stride, padding and dilation"):
        for size, kernel, stride, dilation in itertools.product((6, 9, 12), (2, 3), (1, 2), (1, 2)):
            padding = kernel // 2  # the most nn.MaxPool2d allows
            layer = nn.MaxPool2d(kernel, stride=stride, padding=padding, dilation=dilation)
            expected = measured_size(layer, size)
            actual = sizes.pool_output_size(size, kernel, stride, padding, dilation)
            assert actual == expected, (
                f"{_call('pool_output_size', size, kernel, stride, padding, dilation)} should be "
                f"{expected} (what nn.MaxPool2d gives), got {actual}"
            )

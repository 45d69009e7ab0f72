"""Hidden HW4 tests: graded by the autograder, left out of the student repository."""

import pytest
from torch import nn


@pytest.mark.task("4.1", points=1)
def test_conv_output_size_for_large_images(sizes, measured_size):
    """The formula holds for a 224 x 224 image: a ResNet stem and a dilated, strided kernel."""
    for kernel, stride, padding, dilation in ((7, 2, 3, 1), (3, 4, 5, 6)):
        layer = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding, dilation=dilation)
        expected = measured_size(layer, 224)
        actual = sizes.conv_output_size(224, kernel, stride, padding, dilation)
        assert actual == expected, (
            f"conv_output_size(224, {kernel}, {stride}, {padding}, {dilation}) should be "
            f"{expected}, got {actual}"
        )


@pytest.mark.task("4.3", points=1)
def test_lenet_for_three_classes(hw4):
    """LeNet5(num_classes=3) has 61,111 parameters and its last layer has 3 outputs."""
    model = hw4.LeNet5(num_classes=3)
    count = sum(parameter.numel() for parameter in model.parameters())
    assert count == 61_111, f"LeNet5(num_classes=3) should have 61,111 parameters, got {count:,}"

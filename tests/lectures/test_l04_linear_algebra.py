"""Lecture 4: X @ W.T + b is what nn.Linear computes; broadcasting follows its rule."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lecture_code.l04_linear_algebra import tensors_and_broadcasting as lecture


def test_fully_connected_matches_nn_linear() -> None:
    torch.manual_seed(0)
    layer = nn.Linear(4, 3)
    inputs = torch.randn(5, 4)
    with torch.no_grad():
        expected = layer(inputs)
    result = lecture.fully_connected(inputs, layer.weight.detach(), layer.bias.detach())
    assert result.shape == (5, 3)
    torch.testing.assert_close(result, expected)


@pytest.mark.parametrize(
    ("shapes", "expected"),
    [
        (((4, 3), (3,)), (4, 3)),
        (((4, 1), (1, 3)), (4, 3)),
        (((2, 1, 5), (3, 1)), (2, 3, 5)),
        (((4, 3), (4,)), None),
    ],
)
def test_broadcast_shape(shapes: tuple[tuple[int, ...], ...], expected: tuple[int, ...]) -> None:
    assert lecture.broadcast_shape(*shapes) == expected


def test_main_prints_only_checks_that_hold(capsys: pytest.CaptureFixture[str]) -> None:
    lecture.main(["--device", "cpu"])
    output = capsys.readouterr().out
    assert "(5, 4) @ W.T (4, 3) + b (3,) -> (5, 3)" in output
    assert "False" not in output
    assert output.count("True") >= 3

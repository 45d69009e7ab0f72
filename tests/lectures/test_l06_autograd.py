"""Lecture 6: autograd's results match the derivatives by hand; three ADALINEs agree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lecture_code.l06_autograd import adaline_autograd, autograd_basics


@pytest.mark.parametrize(("x", "w", "b"), [(2.0, 0.5, 0.1), (2.0, -0.5, 0.1), (-1.5, 2.0, 1.0)])
def test_neuron_gradients_match_the_chain_rule(x: float, w: float, b: float) -> None:
    gradients = autograd_basics.neuron_gradients(x, w, b)
    for name in ("w", "b", "x"):
        assert gradients[name] == pytest.approx(gradients[f"hand_{name}"])


def test_gradients_accumulate_and_second_derivatives() -> None:
    assert autograd_basics.accumulated_gradient(3.0, passes=3) == pytest.approx(3 * 27.0)
    assert autograd_basics.first_and_second_derivative(3.0) == pytest.approx((27.0, 18.0))


def test_retain_graph_and_no_grad() -> None:
    failed, retained = autograd_basics.second_backward_needs_retain_graph(2.0)
    assert failed
    assert retained == pytest.approx(24.0)
    assert autograd_basics.recorded_under_no_grad() == (True, False, False)


def test_main_prints_only_checks_that_hold(capsys: pytest.CaptureFixture[str]) -> None:
    autograd_basics.main([])
    output = capsys.readouterr().out
    assert output.count(": True") >= 5
    assert ": False" not in output


def test_manual_semi_manual_and_automatic_gradients_agree(
    tmp_path: Path, read_metrics: Callable[[Path], dict[str, Any]]
) -> None:
    adaline_autograd.main(["--out", str(tmp_path), "--epochs", "10"])

    metrics = read_metrics(tmp_path)
    manual = metrics["manual"]
    for name in ("semi-manual", "automatic"):
        assert metrics[name]["max_difference_to_manual"] < 1e-5
        assert metrics[name]["parameters"] == pytest.approx(manual["parameters"], abs=1e-5)
        assert metrics[name]["loss_per_epoch"] == pytest.approx(manual["loss_per_epoch"], rel=1e-4)
        assert metrics[name]["test_accuracy"] == manual["test_accuracy"]
    assert manual["loss_per_epoch"][-1] < manual["loss_per_epoch"][0]
    assert (tmp_path / "loss.png").stat().st_size > 0

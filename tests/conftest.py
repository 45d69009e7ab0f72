"""Fixtures shared by the template's own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecture_code.common.data import synthetic_digits
from lecture_code.common.idx import write_torchvision_files

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def mnist_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding small MNIST-format files (600 training, 200 test images).

    torchvision's own ``MNIST`` class reads them, so tests exercise the real loading path offline.
    """
    data_dir = tmp_path_factory.mktemp("data")
    write_torchvision_files(
        data_dir, "mnist", train=synthetic_digits(600, seed=10), test=synthetic_digits(200, seed=11)
    )
    return data_dir

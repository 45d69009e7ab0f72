"""Writing MNIST's IDX file format, so torchvision's own reader can run on data made offline.

Tests and benchmarks use it to put small generated datasets where ``torchvision.datasets.MNIST``
(or ``FashionMNIST``) looks for them, exercising the real loading path without a download.
"""

from __future__ import annotations

import struct
from pathlib import Path

import torch

from lecture_code.common.data import TORCHVISION_DATASETS

_UNSIGNED_BYTE = 0x08


def write_idx(path: Path, array: torch.Tensor) -> None:
    """Write a ``uint8`` tensor of any rank as one IDX file (big-endian dimension sizes)."""
    if array.dtype != torch.uint8:
        raise TypeError(f"IDX writing supports uint8 tensors only, got {array.dtype}")
    header = struct.pack(">BBBB", 0, 0, _UNSIGNED_BYTE, array.dim())
    header += struct.pack(f">{array.dim()}I", *array.shape)
    Path(path).write_bytes(header + array.contiguous().numpy().tobytes())


def write_torchvision_files(
    data_dir: Path,
    name: str,
    train: tuple[torch.Tensor, torch.Tensor],
    test: tuple[torch.Tensor, torch.Tensor],
) -> Path:
    """Write ``(images, labels)`` pairs, images ``(N, H, W)`` and labels ``(N,)``, for both splits
    where torchvision's ``name`` dataset reads them (it expects all four files).

    Returns the ``raw`` folder written to, e.g. ``data_dir/MNIST/raw``.
    """
    raw_folder = Path(data_dir) / TORCHVISION_DATASETS[name].__name__ / "raw"
    raw_folder.mkdir(parents=True, exist_ok=True)
    for prefix, (images, labels) in (("train", train), ("t10k", test)):
        write_idx(raw_folder / f"{prefix}-images-idx3-ubyte", images)
        write_idx(raw_folder / f"{prefix}-labels-idx1-ubyte", labels.to(torch.uint8))
    return raw_folder

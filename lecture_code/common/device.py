"""Choosing where to compute: CUDA, Apple's MPS, or the CPU."""

from __future__ import annotations

import torch

from lecture_code.common.cli import DEVICE_CHOICES
from lecture_code.common.errors import UserError


def mps_available() -> bool:
    """Whether Apple's Metal backend can be used on this machine."""
    return torch.backends.mps.is_available()


def choose_device(requested: str) -> torch.device:
    """Return the device for ``requested`` (one of :data:`DEVICE_CHOICES`).

    ``"auto"`` picks CUDA if present, then Apple MPS, then the CPU. Asking for a device
    this machine does not have is a :class:`UserError`, not a silent fallback.
    """
    if requested not in DEVICE_CHOICES:
        raise UserError(f"unknown device {requested!r}; choose one of {', '.join(DEVICE_CHOICES)}")
    if requested == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps") if mps_available() else torch.device("cpu")
    if requested == "cuda" and not torch.cuda.is_available():
        raise UserError(
            "--device cuda was requested but PyTorch sees no CUDA GPU "
            f"(torch {torch.__version__}, built for CUDA {torch.version.cuda or 'none'}); "
            "use --device cpu, or open the GPU dev container on a machine with an NVIDIA driver"
        )
    if requested == "mps" and not mps_available():
        raise UserError(
            "--device mps was requested but Apple's MPS backend is not available "
            "(it needs a Mac with Apple silicon, outside a container); use --device cpu"
        )
    return torch.device(requested)


def describe_device(device: torch.device) -> str:
    """A short human description, e.g. ``"CUDA (NVIDIA H200)"``, ``"Apple MPS"`` or ``"CPU"``."""
    if device.type == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(device)})"
    if device.type == "mps":
        return "Apple MPS"
    return f"CPU ({torch.get_num_threads()} threads)"

"""Seeding, deterministic kernels, and saving/restoring every random number generator."""

from __future__ import annotations

import os
import random
from typing import Any

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    """Seed Python's, NumPy's and PyTorch's generators (all devices) with ``seed``."""
    random.seed(seed)
    # The legacy global generator is the one lecture code and students call (np.random.rand).
    np.random.seed(seed % 2**32)  # noqa: NPY002
    torch.manual_seed(seed)


def use_deterministic_algorithms() -> None:
    """Make PyTorch pick deterministic kernels, so a run repeats bit for bit on the same machine.

    Slower on GPUs; on the CPU it mostly costs nothing. cuBLAS needs its workspace size fixed
    before the first CUDA call to be deterministic, hence the environment variable.
    """
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.benchmark = False


def capture_rng_state() -> dict[str, Any]:
    """Every generator's state, in a form ``torch.load(weights_only=True)`` can read back."""
    _, numpy_keys, numpy_position, numpy_has_gauss, numpy_gauss = np.random.get_state()  # noqa: NPY002
    state: dict[str, Any] = {
        "python": random.getstate(),
        "numpy": {
            "keys": torch.from_numpy(numpy_keys.astype(np.int64)),
            "position": int(numpy_position),
            "has_gauss": int(numpy_has_gauss),
            "gauss": float(numpy_gauss),
        },
        "torch": torch.get_rng_state(),
    }
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def restore_rng_state(state: dict[str, Any]) -> None:
    """Restore generators saved by :func:`capture_rng_state`."""
    random.setstate(state["python"])
    numpy_state = state["numpy"]
    np.random.set_state(  # noqa: NPY002
        (
            "MT19937",
            numpy_state["keys"].numpy().astype(np.uint32),
            numpy_state["position"],
            numpy_state["has_gauss"],
            numpy_state["gauss"],
        )
    )
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])

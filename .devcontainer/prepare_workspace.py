"""Fetch MNIST into the workspace's ``data/`` and report the torch build and the device it sees.

Run by ``post-create.sh`` when a dev container is created. ``data/`` lives in the bind-mounted
workspace (and is git-ignored), so the download survives rebuilds. Being offline is not an error:
the message says so and the trainer downloads MNIST on its first run instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch

from lecture_code.common.data import read_torchvision_images
from lecture_code.common.errors import UserError

DATA_DIR = Path("data")


def fetch_mnist(data_dir: Path) -> bool:
    """Download MNIST's training and test files into ``data_dir`` unless they are already there.

    Returns whether both splits can be read; a failure is reported as one line on stdout.
    """
    try:
        for train in (True, False):
            read_torchvision_images("mnist", data_dir, train=train)
    except UserError as error:
        print(f"warning: MNIST not fetched now: {error}")
        return False
    print(f"MNIST is ready in {data_dir}/")
    return True


def describe_torch() -> str:
    """The torch version and the device it can use: ``CUDA: <GPU name>`` or ``CPU only``."""
    version = f"torch {torch.__version__}"
    if torch.cuda.is_available():
        return f"{version} | CUDA: {torch.cuda.get_device_name(0)}"
    if torch.version.cuda:
        return (
            f"{version} | CPU only: this torch is built for CUDA {torch.version.cuda} but sees no "
            "GPU; check that `nvidia-smi` works on the host and that the NVIDIA Container Toolkit "
            "is installed, then rebuild the container"
        )
    return f"{version} | CPU only"


def main() -> int:
    fetch_mnist(DATA_DIR)
    print(describe_torch())
    return 0


if __name__ == "__main__":
    sys.exit(main())

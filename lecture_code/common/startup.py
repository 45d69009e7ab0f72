"""The first steps of every script that trains on a dataset: device, seed, data, run folder."""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from lecture_code.common.data import DataSplits, load_splits
from lecture_code.common.device import choose_device, describe_device
from lecture_code.common.files import prepare_run_dir
from lecture_code.common.reproducibility import seed_everything


def start_training_run(
    args: argparse.Namespace, script_name: str, out: Path | None = None
) -> tuple[torch.device, DataSplits, Path]:
    """Choose the device, seed every generator, load the data and make the run folder, saying
    each; ``args`` holds the flags of :func:`lecture_code.common.cli.add_training_arguments`.

    The run folder (``out``, else ``--out``, else a new one under ``runs/``) is made only once the
    data is there, so a failed download leaves no empty folder behind.
    """
    device = choose_device(args.device)
    seed_everything(args.seed)
    print(f"device: {describe_device(device)}")
    data = load_splits(args.dataset, args.data_dir, device, smoke=args.smoke)
    print(f"data: {data.summary()}")
    run_dir = prepare_run_dir(out or args.out, script_name)
    print(f"run folder: {run_dir}")
    return device, data, run_dir

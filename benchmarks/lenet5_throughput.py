"""Benchmark: LeNet-5 training throughput of the lecture-1 trainer vs the conventional pipeline.

Both read the same MNIST-sized data (60,000 training and 10,000 test images, generated and
written in MNIST's file format, so torchvision's own reader runs and nothing is downloaded):

- conventional: ``torchvision.datasets.MNIST`` with ``ToTensor`` and ``Normalize`` transforms,
  fed through a ``DataLoader`` (shuffled, no workers), as in the PyTorch examples' MNIST script;
- this trainer: the whole dataset read once into tensors, batches sliced from memory
  (``lecture_code.common.data``), and the trainer's own ``train_one_epoch``.

It measures each pipeline for one epoch in alternating rounds and keeps each one's best, prints
training images per second for each and their ratio, then times a complete default
10-epoch run of ``lenet5_mnist.py`` (validation every epoch, a final test pass) on the same data.
Timings are noisy on shared machines, which is why both pipelines are measured in one run.

    python benchmarks/lenet5_throughput.py            # about two minutes on a 2-core CPU
    python benchmarks/lenet5_throughput.py --skip-full-run --device cuda

Targets on a 2-core CPU: at least 2.5x the conventional pipeline, and the 10-epoch run in at most
60 seconds. ``--check`` exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

if not __package__:  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from lecture_code.common.data import epoch_generator, load_splits, synthetic_digits
from lecture_code.common.device import choose_device
from lecture_code.common.idx import write_torchvision_files
from lecture_code.l01_intro import lenet5_mnist

TARGET_RATIO = 2.5
TARGET_FULL_RUN_SECONDS = 60.0


def conventional_images_per_second(
    data_dir: Path,
    device: torch.device,
    batch_size: int,
    memory_format: torch.memory_format = torch.contiguous_format,
) -> float:
    """One epoch of the PyTorch examples' pipeline: PIL images, transforms, a DataLoader.

    ``memory_format=torch.channels_last`` gives the model the trainer's layout, which separates
    what the data path gains from what the layout gains.
    """
    transform = transforms.Compose(
        [transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))]
    )
    train_set = datasets.MNIST(str(data_dir), train=True, transform=transform)
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True)
    torch.manual_seed(0)
    model = lenet5_mnist.LeNet5().to(device, memory_format=memory_format)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    start = time.perf_counter()
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        loss = F.cross_entropy(model(images), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    synchronize(device)
    return len(train_set) / (time.perf_counter() - start)


def trainer_images_per_second(data_dir: Path, device: torch.device, batch_size: int) -> float:
    """One epoch of the lecture-1 trainer's own data path and training loop."""
    data = load_splits("mnist", data_dir, device)
    torch.manual_seed(0)
    model = lenet5_mnist.LeNet5().to(device, memory_format=torch.channels_last)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.perf_counter()
    lenet5_mnist.train_one_epoch(model, optimizer, data.train, batch_size, epoch_generator(0, 1))
    synchronize(device)
    return len(data.train) / (time.perf_counter() - start)


def full_run_seconds(data_dir: Path, device: torch.device, out: Path) -> float:
    """Wall time of ``lenet5_mnist.py`` with its defaults, from reading data to the test pass."""
    start = time.perf_counter()
    lenet5_mnist.main(["--data-dir", str(data_dir), "--device", str(device), "--out", str(out)])
    return time.perf_counter() - start


def synchronize(device: torch.device) -> None:
    """Wait for queued GPU work, so the clock measures computation rather than its launch."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu", choices=("auto", "cpu", "cuda", "mps"))
    parser.add_argument("--batch-size", type=int, default=lenet5_mnist.DEFAULTS.batch_size)
    parser.add_argument("--rounds", type=int, default=2, help="measurements of each pipeline")
    parser.add_argument("--skip-full-run", action="store_true", help="only compare the pipelines")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    device = choose_device(args.device)
    print(f"torch {torch.__version__}, device {device}, {torch.get_num_threads()} CPU threads")

    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        write_torchvision_files(
            data_dir,
            "mnist",
            train=synthetic_digits(60_000, seed=1),
            test=synthetic_digits(10_000, seed=2),
        )
        pipelines = {
            "conventional pipeline (DataLoader + ToTensor)": partial(
                conventional_images_per_second, data_dir, device, args.batch_size
            ),
            "  the same with a channels_last model": partial(
                conventional_images_per_second,
                data_dir,
                device,
                args.batch_size,
                memory_format=torch.channels_last,
            ),
            "this trainer (tensors in memory)": partial(
                trainer_images_per_second, data_dir, device, args.batch_size
            ),
        }
        # Alternating rounds, best of each: other load on the machine only ever slows a round.
        best = dict.fromkeys(pipelines, 0.0)
        for _ in range(args.rounds):
            for name, measure in pipelines.items():
                best[name] = max(best[name], measure())
        for name, images_per_second in best.items():
            print(f"{name + ':':47s}{images_per_second:9,.0f} training images/s")
        conventional, layout_only, trainer = best.values()
        ratio = trainer / conventional
        print(
            f"ratio: {ratio:.2f}x (target: at least {TARGET_RATIO}x), best of {args.rounds} rounds"
        )
        print(f"  of which the data path alone: {trainer / layout_only:.2f}x")
        met = ratio >= TARGET_RATIO
        if not args.skip_full_run:
            print("full default run (10 epochs, MNIST-sized):")
            seconds = full_run_seconds(data_dir, device, Path(scratch) / "run")
            print(f"full run: {seconds:.1f} s (target: at most {TARGET_FULL_RUN_SECONDS:.0f} s)")
            met = met and seconds <= TARGET_FULL_RUN_SECONDS
    print("targets met" if met else "a target was missed")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())

"""Fixtures for the lecture-script tests."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import torch


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    """Run each test on one thread: these tensors are tiny, and on a busy two-core machine
    OpenMP threads waiting for each other make small matrix products hundreds of times slower."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def as_jupyter_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process look like VS Code's Interactive Window: ipykernel imported, and
    ``sys.argv`` holding the kernel launcher's own flags instead of a script's."""
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    monkeypatch.setattr(
        sys, "argv", ["/venv/lib/python3/site-packages/ipykernel_launcher.py", "-f", "kernel.json"]
    )


def _read_metrics(run_dir: Path) -> dict[str, Any]:
    return json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))


@pytest.fixture
def read_metrics() -> Callable[[Path], dict[str, Any]]:
    """A function returning the ``metrics.json`` a script wrote into a run folder."""
    return _read_metrics


def _run_cells(script: Path) -> dict[str, Any]:
    source = script.read_text(encoding="utf-8")
    cells = source.split("\n# %%")
    assert len(cells) >= 4, f"{script.name} should be split into cells with # %%"
    # IPython's __main__ namespace: __package__ is None, and VS Code defines __file__.
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__package__": None,
        "__file__": str(script),
    }
    for number, cell in enumerate(cells):
        code = cell if number == 0 else "# %%" + cell
        exec(compile(code, f"{script.name} cell {number}", "exec"), namespace)
    return namespace


@pytest.fixture
def run_cells() -> Callable[[Path], dict[str, Any]]:
    """A function executing a script one ``# %%`` cell at a time in one namespace, top to bottom,
    the way VS Code's Interactive Window sends them to its kernel; it returns the namespace."""
    return _run_cells

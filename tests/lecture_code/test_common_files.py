"""Atomic writes, run folders and checkpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from lecture_code.common.checkpoint import load_checkpoint, load_state_dicts, save_checkpoint
from lecture_code.common.errors import UserError
from lecture_code.common.files import prepare_run_dir, write_atomically, write_text_atomically


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "metrics.json"
    write_text_atomically(target, "old")
    write_text_atomically(target, "new")
    assert target.read_text() == "new"
    assert [path.name for path in tmp_path.iterdir()] == ["metrics.json"]


def test_failed_atomic_write_keeps_the_old_content_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "metrics.json"
    target.write_text("old")

    def fail_halfway(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, fail_halfway)
    assert target.read_text() == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["metrics.json"]


def test_default_run_folders_are_unique(tmp_path: Path) -> None:
    first = prepare_run_dir(None, "demo", runs_root=tmp_path)
    second = prepare_run_dir(None, "demo", runs_root=tmp_path)
    assert first != second
    assert first.is_dir()
    assert second.is_dir()
    assert first.name.startswith("demo-")


def test_existing_run_folder_is_reused(tmp_path: Path) -> None:
    assert prepare_run_dir(tmp_path, "demo") == tmp_path


def test_unwritable_run_folder_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(UserError, match="cannot write the run folder"):
        prepare_run_dir(tmp_path / "file" / "run", "demo")


def test_checkpoint_round_trip(tmp_path: Path) -> None:
    model = torch.nn.Linear(3, 2)
    save_checkpoint(tmp_path / "c.pt", {"model": model.state_dict(), "epoch": 4})
    state = load_checkpoint(tmp_path / "c.pt", required_keys=("model", "epoch"))
    restored = torch.nn.Linear(3, 2)
    load_state_dicts(tmp_path / "c.pt", {"model": restored}, state)
    assert torch.equal(restored.weight, model.weight)
    assert state["epoch"] == 4


def test_checkpoint_that_would_run_code_is_refused(tmp_path: Path) -> None:
    torch.save({"model": object()}, tmp_path / "unsafe.pt")
    with pytest.raises(UserError, match="cannot read checkpoint"):
        load_checkpoint(tmp_path / "unsafe.pt")


def test_truncated_checkpoint_is_a_user_error(tmp_path: Path) -> None:
    save_checkpoint(tmp_path / "c.pt", {"model": torch.nn.Linear(30, 20).state_dict()})
    data = (tmp_path / "c.pt").read_bytes()
    (tmp_path / "c.pt").write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match="cannot read checkpoint"):
        load_checkpoint(tmp_path / "c.pt")


def test_mismatched_state_is_a_user_error(tmp_path: Path) -> None:
    state = {"model": torch.nn.Linear(3, 2).state_dict()}
    with pytest.raises(UserError, match="does not match this script's model"):
        load_state_dicts(tmp_path / "c.pt", {"model": torch.nn.Linear(4, 2)}, state)

"""Checkpoints: written atomically, read back safely, with a clear message when they don't fit."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path
from typing import Any

import torch

from lecture_code.common.errors import UserError
from lecture_code.common.files import write_atomically


def save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    """Save ``state`` to ``path`` so that an interruption leaves the previous checkpoint intact."""
    write_atomically(path, lambda temporary: torch.save(state, temporary))


def load_checkpoint(path: Path, required_keys: tuple[str, ...] = ()) -> dict[str, Any]:
    """Read a checkpoint with ``weights_only=True`` (no arbitrary code runs while loading).

    A missing, damaged or foreign file, or one lacking ``required_keys``, is a :class:`UserError`.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(
            f"checkpoint {path} does not exist; pass the checkpoint.pt of an earlier run"
        )
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except (
        RuntimeError,
        OSError,
        EOFError,
        ValueError,
        pickle.UnpicklingError,
        zipfile.BadZipFile,
    ) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise UserError(
            f"cannot read checkpoint {path} ({reason[:200]}); it is damaged or not a PyTorch "
            "checkpoint: pass the checkpoint.pt of an earlier run"
        ) from error
    missing = [key for key in required_keys if not isinstance(state, dict) or key not in state]
    if missing:
        raise UserError(
            f"checkpoint {path} lacks {', '.join(missing)}; it was not written by this script: "
            "pass the checkpoint.pt of an earlier run of it"
        )
    return state


def load_state_dicts(path: Path, modules: dict[str, Any], state: dict[str, Any]) -> None:
    """Load ``state[name]`` into each of ``modules`` (models, optimizers, schedulers).

    A checkpoint from a different model or script is reported as a :class:`UserError`.
    """
    for name, module in modules.items():
        try:
            module.load_state_dict(state[name])
        except (RuntimeError, KeyError, ValueError, TypeError) as error:
            reason = str(error).strip().splitlines()[0][:200]
            raise UserError(
                f"checkpoint {path} does not match this script's {name} ({reason}); "
                "pass a checkpoint written by the same script"
            ) from error

"""Run folders and atomic writes: an interrupted script never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from lecture_code.common.errors import UserError


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one step.

    If the body raises, the temporary file is removed and ``path`` keeps its old content.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(temporary_path)`` and move the result onto ``path`` atomically."""
    with atomic_path(path) as temporary:
        write(temporary)


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step."""
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def prepare_run_dir(out: Path | None, script_name: str, runs_root: Path = Path("runs")) -> Path:
    """Create (or reuse) the folder a run writes into and check that it is writable.

    With ``out=None`` a new folder ``runs/<script_name>-<YYYYmmdd-HHMMSS>`` is made, with a
    numeric suffix if a run started in the same second.
    """
    if out is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = runs_root / f"{script_name}-{stamp}"
        suffix = 1
        while out.exists():
            suffix += 1
            out = runs_root / f"{script_name}-{stamp}-{suffix}"
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(
            f"cannot write the run folder {out} ({reason}); pass --out with a folder you can write"
        ) from error
    return out

"""Zip files with stable names and executable bits, for submissions and autograders."""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

from course.layout import CACHE_NAMES
from lecture_code.common.files import atomic_path


def files_under(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` except caches, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not set(CACHE_NAMES).intersection(path.relative_to(folder).parts):
            yield path


def write_zip(
    path: Path, members: dict[str, Path | str], executables: frozenset[str] = frozenset()
) -> Path:
    """Write a zip of ``members`` (name in the zip -> file to copy, or text), atomically.

    Text members named in ``executables`` get the executable bit (Gradescope runs
    ``run_autograder`` directly); copied files keep their own.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as temporary, zipfile.ZipFile(temporary, "w") as archive:
        for name, source in sorted(members.items()):
            if isinstance(source, Path):
                info = zipfile.ZipInfo.from_file(source, arcname=name)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, source.read_bytes())
            else:
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                mode = 0o755 if name in executables else 0o644
                info.external_attr = (stat.S_IFREG | mode) << 16
                archive.writestr(info, source)
    return path

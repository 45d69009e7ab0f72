"""What a run writes about itself when it has no epochs to record: its configuration and results.

Training scripts with training, validation and test splits use :mod:`metrics` instead.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from lecture_code.common.files import write_text_atomically
from lecture_code.common.metrics import library_versions


def config_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The parsed command line as JSON-ready values (paths become strings)."""
    return {
        name: str(value) if isinstance(value, Path) else value for name, value in vars(args).items()
    }


def write_summary(path: Path, config: dict[str, Any], results: dict[str, Any]) -> None:
    """Write ``metrics.json`` atomically: configuration, library versions and ``results``."""
    document = {"config": config, "versions": library_versions(), **results}
    write_text_atomically(path, json.dumps(document, indent=2) + "\n")

"""``python -m course.batch PLAN``: several pytest runs, one after another, in this process.

PLAN is a JSON list of ``{"args": [...], "output": path}``; each run's terminal output goes to
its file. Used by :mod:`course.grading`; running the graders' imports once for many runs is
what makes ``course check`` fast.
"""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest


def main(plan_path: str) -> int:
    """Run every pytest run of the plan; return 0 (each run's result is in its files)."""
    for run in json.loads(Path(plan_path).read_text(encoding="utf-8")):
        buffer = io.StringIO()
        with redirect_stdout(buffer), redirect_stderr(buffer):
            pytest.main(run["args"])
        Path(run["output"]).write_text(buffer.getvalue(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

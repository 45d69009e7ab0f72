"""Running a lecture script cell by cell in VS Code's Interactive Window (a Jupyter kernel)."""

from __future__ import annotations

import sys
from pathlib import Path


def in_jupyter_kernel() -> bool:
    """Whether this process is a Jupyter kernel, such as VS Code's Interactive Window.

    A kernel's ``sys.argv`` holds the kernel's own flags (``-f kernel.json``), not the script's,
    so a script's last cell runs ``main([])``, with the defaults, there. IPython's ``%run`` sets
    ``sys.argv`` to the script's own arguments, so it counts as a terminal.
    """
    return "ipykernel" in sys.modules and "ipykernel" in Path(sys.argv[0]).name

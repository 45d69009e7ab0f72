"""Running a lecture script cell by cell in VS Code's Interactive Window (a Jupyter kernel)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from lecture_code.common.errors import run_main


def in_jupyter_kernel() -> bool:
    """Whether this process is a Jupyter kernel, such as VS Code's Interactive Window.

    A kernel's ``sys.argv`` holds the kernel's own flags (``-f kernel.json``), not the script's,
    so a script's last cell runs ``main([])``, with the defaults, there. IPython's ``%run`` sets
    ``sys.argv`` to the script's own arguments, so it counts as a terminal.
    """
    return "ipykernel" in sys.modules and "ipykernel" in Path(sys.argv[0]).name


def run_script(main: Callable[[Sequence[str] | None], None]) -> None:
    """Every lecture script's entry point.

    From a terminal: ``main`` reads the command line, and a :class:`UserError` becomes one line
    and exit status 2. In the Interactive Window: ``main`` runs with the script's defaults.
    """
    if in_jupyter_kernel():
        main([])
    else:
        sys.exit(run_main(main))

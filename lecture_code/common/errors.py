"""Problems a user can fix, reported as one line on stderr instead of a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

EXIT_USAGE = 2


class UserError(Exception):
    """A problem with the user's input or machine; the message says what to do about it."""


def run_main(
    main: Callable[[Sequence[str] | None], None], argv: Sequence[str] | None = None
) -> int:
    """Run a script's ``main`` and turn a :class:`UserError` into one line and exit status 2.

    Programming errors still raise with their traceback: they are bugs, not input to correct.
    """
    try:
        main(argv)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # Whoever read the output has gone (as with `| head`): stop quietly, as Unix tools do.
        # Pointing stdout at /dev/null keeps Python's own final flush from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(
            "interrupted: the last finished epoch is saved; continue with --resume", file=sys.stderr
        )
        return 130
    return 0

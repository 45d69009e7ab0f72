"""``python -m course``: the same as the ``course`` console script."""

import sys

from course.cli import main

sys.exit(main())

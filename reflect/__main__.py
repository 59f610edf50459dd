"""`python -m reflect`: the command line (the issue's `python -m reflect`).

The one module of this package allowed to reach outward: it is a program entry
point, never imported by the core (tests/test_layering.py names it). It starts
the command line only: only ui/ may import ui, so the desktop app is opened by
the `reflect` command with no arguments, or `python -m ui`.
"""

import sys

from cli.main import main

sys.exit(main())

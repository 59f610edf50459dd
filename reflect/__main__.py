"""`python -m reflect`: the command line's launcher.

The one module of this package allowed to reach outward: it is a program entry
point, never imported by the core (tests/test_layering.py names it).
"""

import sys

from cli.main import main

sys.exit(main())

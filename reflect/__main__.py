"""`python -m reflect`: the same launcher as the `reflect` command.

The one module of this package allowed to reach outward: it is a program entry
point, never imported by the core (tests/test_layering.py names it).
"""

import sys

from ui.launcher import main

sys.exit(main())

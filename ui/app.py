"""The desktop app's entry point (`reflect-desktop`, `python -m ui`)."""

from __future__ import annotations

import sys


def main() -> int:
    print(
        "The Reflect desktop app is not yet available in this version.\n"
        "Your journal already works from the command line: run `reflect --help`,\n"
        "or start with `reflect init` to create an encrypted journal.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

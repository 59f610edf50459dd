"""`reflect`: with a command it is the command line; without one it opens the desktop app.

Lives in ui/ because only ui/ may import ui; it imports neither Qt nor the
storage layer until it knows which of the two it is starting.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from reflect.model import Reflection
    from reflect.review import Review

# Options that belong to both programs and take a value.
_VALUED = {"--data-dir", "--passphrase-file", "--recovery-key-file"}


def wants_desktop(argv: Sequence[str]) -> bool:
    if "--demo" in argv:
        return True
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif any(arg.startswith(option + "=") for option in _VALUED):
            continue
        else:
            return False  # a command, or --help, or anything else: the command line
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_desktop(args):
        from ui.app import main as desktop

        return desktop(args)
    from cli import exchange_commands, review_commands
    from cli.main import main as command_line

    review_commands.report_writer = _write_review_reports
    exchange_commands.pdf_writer = _write_reflections_pdf
    return command_line(args)


def _write_review_reports(review: Review, pdf: Path | None, html: Path | None) -> None:
    """`reflect review --pdf/--html`: Qt is loaded only now, offscreen without a display."""
    from ui.review_export import run_headless

    run_headless(review, pdf, html)


def _write_reflections_pdf(
    reflections: Sequence[Reflection], path: Path, since: date | None, until: date | None
) -> None:
    """`reflect export --pdf`: headed by the dates asked for, else the reflections' own."""
    from ui.pdf_pages import ensure_application
    from ui.reflections_pdf import heading_for, write_reflections_pdf

    ensure_application()
    days = [r.happened_at.date() for r in reflections]
    heading = heading_for(since or min(days), until or max(days))
    write_reflections_pdf(reflections, path, heading)


if __name__ == "__main__":
    sys.exit(main())

"""`reflect review`: the yearly self-review, as plain text, JSON, PDF or a web page.

The analytics are reflect.review's; this module only gathers, prints and words
the sections. Nothing leaves the computer. The PDF and HTML reports are drawn by
the desktop app's code (ui/review_export.py), which the command line may not
import: the `reflect` launcher (ui/launcher.py) hands it in as `report_writer`.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cli.unlock import Secrets, unlock
from reflect.errors import ValidationError

if TYPE_CHECKING:
    from reflect.review import Review

MIN_YEAR, MAX_YEAR = 1000, 9998
BAR_WIDTH = 30
_SHADES = "·░▒▓█"  # no reflection, then quarters of the busiest day
PLAINTEXT_WARNING = (
    "The file is not encrypted: anyone who opens it can read your year's review. "
    "Save it only somewhere private."
)

# Writes the review as PDF and/or HTML (either path may be None); set by the launcher.
ReportWriter = Callable[["Review", Path | None, Path | None], None]
report_writer: ReportWriter | None = None


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    review = commands.add_parser(
        "review",
        parents=[common],
        help="the yearly self-review: where your attention went, rhythm, relationships, themes",
        description="Look back over a calendar year of your journal, computed on this computer "
        "only. --pdf FILE and --html FILE save it as a printable PDF or one self-contained "
        "web page; those files are not encrypted.",
    )
    review.add_argument(
        "--year", type=int, metavar="YYYY", help="the calendar year to review (default: this year)"
    )
    review.add_argument("--json", action="store_true", help="print the review as JSON")
    review.add_argument(
        "--pdf", type=Path, metavar="FILE", help="save the review as an A4 PDF (not encrypted)"
    )
    review.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="save the review as one self-contained web page (not encrypted)",
    )
    review.add_argument(
        "--force", action="store_true", help="replace a --pdf or --html file that exists"
    )


def run(args: argparse.Namespace, secrets: Secrets) -> int:
    from cli import render
    from reflect import timeutil
    from reflect.review import Period, build_review, review_to_dict
    from storage.review_data import review_input

    year = timeutil.now().year if args.year is None else args.year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError("year", f"is {year}; give a calendar year such as 2026")
    reports = _report_paths(args)
    with unlock(secrets) as vault:
        gathered = review_input(vault, Period.year(year))
    review = build_review(gathered)
    if reports:
        assert report_writer is not None  # checked by _report_paths
        print(f"reflect: warning: {PLAINTEXT_WARNING}", file=sys.stderr)
        report_writer(review, getattr(args, "pdf", None), getattr(args, "html", None))
        for path in reports:
            print(f"Saved the review of {review.period.label} to {path}")
        return 0
    if args.json:
        render.emit_json({"review": review_to_dict(review)})
    else:
        print(text(review))
    return 0


def _report_paths(args: argparse.Namespace) -> list[Path]:
    """The --pdf and --html files asked for, checked before the journal is unlocked."""
    paths = [p for p in (getattr(args, "pdf", None), getattr(args, "html", None)) if p]
    if not paths:
        return []
    if report_writer is None:
        raise ValidationError(
            "--pdf/--html", "need the `reflect` program, which can draw the charts"
        )
    if len(set(paths)) < len(paths):
        raise ValidationError("--pdf/--html", "name the same file; give two different files")
    for path in paths:
        if path.exists() and not getattr(args, "force", False):
            raise ValidationError(
                "--pdf" if path == getattr(args, "pdf", None) else "--html",
                f"{path} exists; add --force to replace it",
            )
        if not path.parent.is_dir():
            raise ValidationError("--pdf/--html", f"the folder {path.parent} does not exist")
    return paths


# --- the readable summary ------------------------------------------------------------


def text(review: Review) -> str:
    """The review as plain text, one section per part of the issue, for a terminal."""
    from reflect.balance import reflections_phrase
    from reflect.review import short_date

    label = review.period.label
    lines = [f"Your year in reflection: {label}", ""]
    if review.total:
        busiest = review.busiest_month
        lines.append(
            f"{reflections_phrase(review.total)} on {_plural(review.reflection_days, 'day')}"
            + (
                f"; the busiest month was {busiest:%B} ({_month_count(review, busiest)})."
                if busiest
                else "."
            )
        )
    else:
        lines.append(f"There are no reflections in {label}.")

    lines += _heading("Where my attention went")
    most = max((n for _, n in review.per_month), default=0)
    lines.append("Reflections per month:")
    lines += [f"  {m:%b %Y}  {_bar(n, most)} {n}" for m, n in review.per_month]
    lines.append("The six ways:")
    most = max(review.ways.values(), default=0)
    lines += [f"  {w.display_name:<12} {_bar(n, most)} {n}" for w, n in review.ways.items()]
    lines.append(review.attention_sentence)
    lines.append("The five lenses:")
    lines += [f"  {lens.display_name:<20} {n}" for lens, n in review.lenses.items()]
    lines += _grid(review)

    lines += _heading("Rhythm")
    lines += _heatmap(review)
    if review.longest_gaps:
        lines.append("Longest gaps:")
        lines += [
            f"  {_plural(g.days, 'day')}: {short_date(g.start)} – {short_date(g.end)}"
            for g in review.longest_gaps
        ]
    else:
        lines.append("No gaps: you wrote on every day.")

    lines += _heading("Relationships")
    lines += _named("People most reflected on", review.people)
    lines += _named("Organisations most reflected on", review.organisations)
    if review.trust_moves:
        lines.append("Trust and agreement moves:")
        for move in review.trust_moves:
            arrow = "closer" if move.closer else "drifted"
            lines.append(
                f"  {move.person}: {move.from_stance.value} → {move.to_stance.value} "
                f"({arrow}). {move.description}"
            )
    else:
        lines.append("No one's stance moved on your trust map this year.")
    lines.append(review.meetings_sentence)

    lines += _heading("What kept repeating")
    if review.themes:
        lines.append("Themes and phrases:")
        lines += [
            f"  “{t.phrase}”: {reflections_phrase(t.count)}"
            + (f" ({t.previous} the year before)" if review.compared is not None else "")
            for t in review.themes
        ]
    else:
        lines.append("No phrase came back often enough to be a theme.")
    if review.storylines:
        lines.append("Storylines:")
        lines += [f"  {s.name}: {s.sentence}" for s in review.storylines]

    lines += _heading("Intentions")
    f = review.follow_ups
    if f.made:
        lines.append(
            f"{_plural(f.made, 'follow-up')} made: {f.done} done, {f.dropped} dropped, "
            f"{f.open} still open."
        )
    else:
        lines.append("No follow-ups were made this year.")

    lines += _heading("Light-bulb moments")
    if review.light_bulbs:
        lines += [
            f"  {day.isoformat()}  {str(rid)[:8]}  {title}"
            for rid, title, day in review.light_bulbs
        ]
    else:
        lines.append("No reflections were starred this year.")

    lines += _heading("Belief")
    lines += list(review.notes)

    lines += _heading("Compared with last year")
    if review.compared is None:
        previous = review.period.previous().label
        lines.append(f"There are no reflections from {previous} to compare with.")
    else:
        lines += list(review.compared.sentences)
    return "\n".join(lines)


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def _plural(n: int, word: str) -> str:
    return f"1 {word}" if n == 1 else f"{n} {word}s"


def _month_count(review: Review, month: date) -> int:
    return dict(review.per_month)[month]


def _bar(n: int, most: int) -> str:
    width = round(BAR_WIDTH * n / most) if most else 0
    return ("█" * width).ljust(BAR_WIDTH)


def _named(title: str, names: tuple[tuple[str, int], ...]) -> list[str]:
    if not names:
        return [f"{title}: none named."]
    return [f"{title}:", *(f"  {name} ({n})" for name, n in names)]


def _grid(review: Review) -> list[str]:
    from reflect.frameworks import Lens, Way

    heads = [lens.display_name.split()[0].split("-")[0] for lens in Lens]  # "Aerial", "Story"
    lines = ["Ways × lenses (reflections):", "  " + " " * 12 + "".join(f"{h:>12}" for h in heads)]
    for way in Way:
        cells = "".join(f"{review.grid[(way, lens)]:>12}" for lens in Lens)
        lines.append(f"  {way.display_name:<12}{cells}")
    return lines


def _heatmap(review: Review) -> list[str]:
    """Weeks across, Monday to Sunday down: a shade per day by how many reflections."""
    days = sorted(review.days)
    if not days:
        return []
    first = days[0]
    offset = first.weekday()
    weeks = (offset + len(days) + 6) // 7
    grid = [[" "] * weeks for _ in range(7)]
    most = max(review.days.values())
    for day in days:
        index = (day - first).days + offset
        n = review.days[day]
        grid[index % 7][index // 7] = _SHADES[math.ceil(4 * n / most) if n else 0]
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    lines = [
        f"Reflected on {_plural(review.reflection_days, 'day')} of {review.period.days}:",
    ]
    lines += [f"  {names[row]} {''.join(grid[row])}" for row in range(7)]
    return lines

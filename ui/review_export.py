"""The yearly review as a report to keep: a paginated A4 PDF, or one self-contained web page.

Both are built from the same list of blocks (headings, sentences, lists, a table and
the review's charts, drawn with each chart's `paint_into` in a light palette), so
the two read alike and follow the order of the Review page. Neither file is
encrypted: callers warn the leader first (PLAINTEXT_WARNING). Both are written
whole in memory, then replaced atomically with owner-only permissions.

The charts are widgets, so a QApplication must exist (`run_headless` makes one
for the command line, offscreen when there is no display).
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QTextDocument

from reflect import timeutil
from reflect.frameworks import Way
from reflect.review import Review
from storage.atomic import write_atomically
from ui.pdf_pages import ACCENT, INK, QUIET, PdfPages, ensure_application
from ui.review_bars import LensesChart, MonthChart, WaysChart
from ui.review_chart import ReviewChart
from ui.review_grid import WaysLensesGrid
from ui.review_heatmap import CalendarHeatmap
from ui.review_report import (
    ATTENTION,
    COMPARED,
    INTENTIONS,
    LIGHT_BULBS,
    RELATIONSHIPS,
    REPEATING,
    RHYTHM,
    STORYLINES,
)
from ui.review_words import (
    count_words,
    day_month,
    days_sentence,
    follow_ups_sentence,
    gap_words,
    gaps_sentence,
    month_year,
    plural,
    trust_move_words,
    trust_sentence,
)

PLAINTEXT_WARNING = (
    "The file is not encrypted: anyone who opens it can read your year's review. "
    "Save it only somewhere private."
)
COVER_NOTE = "This file is not encrypted: anyone who opens it can read it. Keep it private."
FILE_MODE = 0o600

# Laid out in logical pixels at 96 per inch, as ui.pdf_pages draws.
BODY_PX = 13


def title_of(review: Review) -> str:
    return f"Looking back on {review.period.label}"


def period_words(review: Review) -> str:
    period = review.period
    return f"{day_month(period.start)} to {day_month(period.end)}"


def print_palette() -> QPalette:
    """Dark ink on white paper, whatever the desktop's theme."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#ffffff"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Text, INK),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.Mid, "#b0b0b0"),
    ):
        for group in (
            QPalette.ColorGroup.Active,
            QPalette.ColorGroup.Inactive,
            QPalette.ColorGroup.Disabled,
        ):
            palette.setColor(group, role, QColor(colour))
    return palette


# --- the blocks of the report ---------------------------------------------------------


@dataclass
class Block:
    kind: str  # "section", "sub", "p", "hint", "item", "table", "chart"
    text: str = ""
    chart: ReviewChart | None = None
    rows: list[list[str]] = field(default_factory=list)  # a table's, the first is its head


def _chart(chart: ReviewChart, title: str) -> Block:
    return Block("chart", title, chart=chart)


def blocks(review: Review, today: date | None = None) -> list[Block]:
    """The report after its cover, in the order of the Review page."""
    out: list[Block] = []
    add = out.append

    busiest = month_year(review.busiest_month) if review.busiest_month else "–"
    add(Block("section", "The year in numbers"))
    add(
        Block(
            "table",
            rows=[
                ["", ""],
                ["Reflections", str(review.total)],
                ["Days you reflected", str(review.reflection_days)],
                ["Busiest month", busiest],
                ["Light-bulb moments", str(len(review.light_bulbs))],
            ],
        )
    )

    add(Block("section", ATTENTION))
    months = MonthChart()
    months.set_months(review.per_month, today)
    add(_chart(months, "Reflections each month"))
    ways = WaysChart()
    ways.set_ways(review.ways, review.least_attended)
    add(_chart(ways, "The six ways"))
    add(Block("p", review.attention_sentence))
    if review.total and review.reflections_with_ways < review.total:
        unmarked = review.total - review.reflections_with_ways
        add(Block("hint", f"{plural(unmarked, 'reflection')} had no way marked."))
    lenses = LensesChart()
    lenses.set_lenses(review.lenses)
    add(_chart(lenses, "The five lenses"))
    grid = WaysLensesGrid()
    grid.set_grid(review.grid)
    add(_chart(grid, "Ways and lenses together"))
    add(Block("hint", "How often a reflection marked with each way looked through each lens."))

    add(Block("section", RHYTHM))
    heatmap = CalendarHeatmap()
    heatmap.set_days(review.period.start, review.period.end, review.days, today)
    add(_chart(heatmap, "Days you reflected"))
    add(Block("p", days_sentence(review, today)))
    if len(review.longest_gaps) > 1:
        add(Block("p", "Your longest gaps without a reflection:"))
        out += [Block("item", gap_words(gap)) for gap in review.longest_gaps]
    else:
        add(Block("p", gaps_sentence(review.longest_gaps)))

    add(Block("section", RELATIONSHIPS))
    add(Block("sub", "People you reflected on most"))
    if review.people:
        out += [Block("item", f"{name} ({count_words(n)})") for name, n in review.people]
    else:
        add(Block("hint", "No one labelled in this period."))
    add(Block("sub", "Organisations you reflected on most"))
    if review.organisations:
        out += [Block("item", f"{name} ({count_words(n)})") for name, n in review.organisations]
    else:
        add(Block("hint", "No organisations labelled in this period."))
    add(Block("sub", "Trust and agreement"))
    add(Block("p", trust_sentence(review.trust_moves)))
    out += [Block("item", trust_move_words(move)) for move in review.trust_moves]
    add(Block("sub", "Meetings"))
    add(Block("p", review.meetings_sentence))

    add(Block("section", REPEATING))
    if review.themes:
        add(Block("hint", "Phrases that kept coming back in your reflections."))
        out += [Block("item", f"{t.phrase}: {count_words(t.count)}") for t in review.themes]
    else:
        add(Block("p", "No phrase came back often enough to count as a theme."))

    add(Block("section", STORYLINES))
    if review.storylines:
        out += [Block("item", f"{s.name}: {s.sentence}") for s in review.storylines]
    else:
        add(Block("p", "No storyline gathered reflections from this period."))

    add(Block("section", INTENTIONS))
    add(Block("p", follow_ups_sentence(review.follow_ups)))

    add(Block("section", LIGHT_BULBS))
    if review.light_bulbs:
        add(Block("hint", "The reflections you starred, in order."))
        out += [
            Block("item", f"{day_month(day)}: {title or 'Untitled'}")
            for _, title, day in review.light_bulbs
        ]
    else:
        add(Block("p", "You starred no reflections as light-bulb moments in this period."))

    out += _compared(review)
    out += [Block("hint", note) for note in review.notes]
    return out


def _compared(review: Review) -> list[Block]:
    compared = review.compared
    if compared is None:
        title = COMPARED if review.period.is_calendar_year else "Compared with the period before"
        return [
            Block("section", title),
            Block("p", "There are no reflections from the period before to compare with."),
        ]
    before = compared.previous.label
    title = f"Compared with {before}" if compared.previous.is_calendar_year else COMPARED
    out = [Block("section", title)]
    out += [Block("p", sentence) for sentence in compared.sentences]
    this_label = review.period.label if review.period.is_calendar_year else "This period"
    that_label = before if compared.previous.is_calendar_year else "The period before"
    rows = [["", that_label, this_label, "Change"]]
    for way in Way:
        then = compared.previous_ways.get(way, 0)
        change = compared.ways.get(way, 0)
        rows.append(
            [way.display_name, str(then), str(then + change), f"{change:+d}" if change else "–"]
        )
    change = review.total - compared.previous_total
    rows.append(
        [
            "All reflections",
            str(compared.previous_total),
            str(review.total),
            f"{change:+d}" if change else "–",
        ]
    )
    out.append(Block("table", rows=rows))
    return out


# --- the PDF --------------------------------------------------------------------------


def _fragment(block: Block) -> str:
    """A block as rich text for QTextDocument; every word is escaped."""
    text = html.escape(block.text)
    if block.kind == "section":
        return f"<p style='font-size:20px; font-weight:600; color:{INK}'>{text}</p>"
    if block.kind in ("sub", "chart"):
        return f"<p style='font-size:15px; font-weight:600; color:{INK}'>{text}</p>"
    if block.kind == "hint":
        return f"<p style='color:{QUIET}'>{text}</p>"
    if block.kind == "item":
        return f"<p style='margin-left:14px'>•&nbsp;&nbsp;{text}</p>"
    if block.kind == "table":
        head, *rows = block.rows
        cells = ""
        if any(head):
            cells += "<tr>" + "".join(f"<th align='right'>{html.escape(h)}</th>" for h in head)
            cells += "</tr>"
        for row in rows:
            first, *rest = row
            cells += f"<tr><td>{html.escape(first)}</td>"
            cells += "".join(f"<td align='right'>{html.escape(c)}</td>" for c in rest) + "</tr>"
        return f"<table cellpadding='3' cellspacing='0' width='70%'>{cells}</table>"
    return f"<p>{text}</p>"


def _document(fragment: str, width: float, body_px: int = BODY_PX) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPixelSize(body_px)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(f"p {{ color: {INK}; margin: 0; }}")
    document.setHtml(fragment)
    document.setTextWidth(width)
    return document


def chart_size(chart: ReviewChart, width: float) -> tuple[float, float, float]:
    """The logical width and height to draw `chart` at, and the scale to fit `width`.

    A chart is drawn at least as wide as it asks for, then scaled down to the
    page, so no label is ever clipped.
    """
    hint = chart.sizeHint()
    drawn = max(width, float(hint.width()))
    height = (
        float(chart.heightForWidth(math.ceil(drawn)))
        if chart.hasHeightForWidth()
        else float(hint.height())
    )
    return drawn, height, width / drawn


@dataclass
class _Placed:
    height: float
    paint: Callable[[QPainter, float, float], None]  # (painter, x, y)
    keep_with_next: bool = False
    gap_before: float = 0.0


def _text_piece(block: Block, width: float) -> _Placed:
    document = _document(_fragment(block), width)
    height = document.size().height()

    def paint(painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.translate(x, y)
        document.drawContents(painter)
        painter.restore()

    gap = {"section": 22.0, "sub": 12.0, "table": 6.0, "item": 2.0}.get(block.kind, 6.0)
    return _Placed(height, paint, block.kind in ("section", "sub"), gap)


def _chart_piece(block: Block, width: float, palette: QPalette) -> _Placed:
    assert block.chart is not None
    chart = block.chart
    title = _document(_fragment(block), width)
    title_h = title.size().height() + 6
    drawn, height, scale = chart_size(chart, width)

    def paint(painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.translate(x, y)
        title.drawContents(painter)
        painter.translate(0, title_h)
        painter.scale(scale, scale)
        chart.paint_into(painter, QRectF(0, 0, drawn, height), palette)
        painter.restore()

    return _Placed(title_h + height * scale, paint, gap_before=12.0)


def _paginate(pieces: list[_Placed], page_h: float) -> list[list[tuple[_Placed, float]]]:
    """Pieces onto pages, top to bottom; a heading never ends a page."""
    pages: list[list[tuple[_Placed, float]]] = [[]]
    y = 0.0
    i = 0
    while i < len(pieces):
        # A heading travels with what follows it.
        j = i
        while j < len(pieces) - 1 and pieces[j].keep_with_next:
            j += 1
        group = pieces[i : j + 1]
        gaps = [0.0 if (k == 0 and y == 0) else p.gap_before for k, p in enumerate(group)]
        needed = sum(p.height for p in group) + sum(gaps)
        if y > 0 and y + needed > page_h:
            pages.append([])
            y = 0.0
            gaps[0] = 0.0
        for piece, gap in zip(group, gaps, strict=True):
            y += gap
            pages[-1].append((piece, y))
            y += piece.height
        i = j + 1
    return pages


def pdf_bytes(review: Review, generated: date | None = None) -> bytes:
    """The review as an A4 PDF: a cover, the sections, page numbers in the footer."""
    generated = generated or timeutil.now().date()
    pdf = PdfPages(title_of(review))
    width, height = pdf.width, pdf.height
    palette = print_palette()
    pieces = [
        _chart_piece(b, width, palette) if b.kind == "chart" else _text_piece(b, width)
        for b in blocks(review)
    ]

    def cover(painter: QPainter) -> None:
        _paint_cover(painter, review, generated, width, height)

    def page_of(placed: list[tuple[_Placed, float]]) -> Callable[[QPainter], None]:
        def paint(painter: QPainter) -> None:
            for piece, y in placed:
                piece.paint(painter, 0, y)

        return paint

    pages = [cover, *(page_of(p) for p in _paginate(pieces, pdf.body_height))]
    return pdf.draw(pages, title_of(review), footer_on_first=False)


def _paint_cover(
    painter: QPainter, review: Review, generated: date, width: float, height: float
) -> None:
    fragment = (
        f"<p style='font-size:13px; color:{ACCENT}; font-weight:600'>REFLECT · YOUR YEAR</p>"
        f"<p style='font-size:34px; font-weight:600; margin-top:12px'>"
        f"{html.escape(title_of(review))}</p>"
        f"<p style='font-size:16px; margin-top:16px'>{html.escape(period_words(review))}</p>"
        f"<p style='font-size:14px; color:{QUIET}; margin-top:6px'>"
        f"{html.escape(plural(review.total, 'reflection'))} on "
        f"{html.escape(plural(review.reflection_days, 'day'))}</p>"
        f"<p style='font-size:13px; color:{QUIET}; margin-top:40px'>"
        f"Generated on {html.escape(day_month(generated))} by Reflect, on this computer.</p>"
        f"<p style='font-size:13px; margin-top:8px'><b>{html.escape(COVER_NOTE)}</b></p>"
    )
    document = _document(fragment, width)
    painter.save()
    painter.translate(0, height * 0.3)
    document.drawContents(painter)
    painter.restore()


def write_pdf(review: Review, path: Path) -> None:
    write_atomically(Path(path), pdf_bytes(review), FILE_MODE)


# --- the web page ---------------------------------------------------------------------

CSS = f"""
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: {INK};
  background: #fff; max-width: 760px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }}
header {{ border-bottom: 1px solid #ddd; margin-bottom: 1.5em; padding-bottom: 1em; }}
.kicker {{ color: {ACCENT}; font-weight: 600; letter-spacing: .05em; font-size: .85em; }}
h1 {{ font-size: 2em; margin: .2em 0; }}
h2 {{ margin-top: 1.8em; border-bottom: 1px solid #eee; padding-bottom: .2em; }}
h3 {{ margin: 1.2em 0 .4em; }}
.hint, .meta {{ color: {QUIET}; }}
.warning {{ font-weight: 600; }}
figure {{ margin: .5em 0 1em; }}
figure img {{ width: 100%; height: auto; }}
ul {{ padding-left: 1.2em; }}
table {{ border-collapse: collapse; }}
td, th {{ padding: .2em .8em .2em 0; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
@media print {{ h2 {{ break-after: avoid; }} figure {{ break-inside: avoid; }} }}
"""


def chart_png(chart: ReviewChart, width: float, palette: QPalette, ratio: float = 2.0) -> bytes:
    """The chart as a PNG at `ratio` times its logical size, on white."""
    drawn, height, _ = chart_size(chart, width)
    image = QImage(math.ceil(drawn * ratio), math.ceil(height * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        chart.paint_into(painter, QRectF(0, 0, drawn, height), palette)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def html_text(review: Review, generated: date | None = None) -> str:
    """One self-contained page: inline CSS, charts as data: URIs, no scripts, all escaped."""
    generated = generated or timeutil.now().date()
    palette = print_palette()
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{e(title_of(review))}</title><style>{CSS}</style></head><body>",
        "<header><div class='kicker'>REFLECT · YOUR YEAR</div>",
        f"<h1>{e(title_of(review))}</h1>",
        f"<p>{e(period_words(review))}</p>",
        f"<p class='meta'>Generated on {e(day_month(generated))} by Reflect, on this computer.</p>",
        f"<p class='warning'>{e(COVER_NOTE)}</p></header><main>",
    ]
    in_list = False
    for block in blocks(review):
        if block.kind == "item" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif block.kind != "item" and in_list:
            parts.append("</ul>")
            in_list = False
        text = e(block.text)
        if block.kind == "section":
            parts.append(f"<h2>{text}</h2>")
        elif block.kind == "sub":
            parts.append(f"<h3>{text}</h3>")
        elif block.kind == "hint":
            parts.append(f"<p class='hint'>{text}</p>")
        elif block.kind == "item":
            parts.append(f"<li>{text}</li>")
        elif block.kind == "table":
            parts.append(_html_table(block.rows))
        elif block.kind == "chart" and block.chart is not None:
            png = base64.b64encode(chart_png(block.chart, 720, palette)).decode("ascii")
            alt = e(block.chart.text_alternative())
            parts.append(
                f"<figure><h3>{text}</h3>"
                f"<img src='data:image/png;base64,{png}' alt='{alt}'></figure>"
            )
        else:
            parts.append(f"<p>{text}</p>")
    if in_list:
        parts.append("</ul>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _html_table(rows: list[list[str]]) -> str:
    head, *body = rows
    out = "<table>"
    if any(head):
        out += "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr></thead>"
    out += "<tbody>"
    for row in body:
        out += "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
    return out + "</tbody></table>"


def write_html(review: Review, path: Path) -> None:
    write_atomically(Path(path), html_text(review).encode("utf-8"), FILE_MODE)


# --- from the command line ------------------------------------------------------------


def run_headless(review: Review, pdf: Path | None, html_path: Path | None) -> None:
    """Write the reports outside the desktop app: a QApplication, offscreen without a display."""
    ensure_application()
    if pdf is not None:
        write_pdf(review, pdf)
    if html_path is not None:
        write_html(review, html_path)

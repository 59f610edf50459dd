"""Reflections as a print-ready A4 PDF: File ▸ Export ▸ As PDF… and `reflect export --pdf`.

A heading page top, then each reflection from a new page: its title, when it
happened (in the zone it was written in), whether it is a light-bulb moment, its
ways, lenses, tags, people and organisations, then its sections, each under its
prompt and lens, with paragraphs and line breaks kept. Every word is escaped, so
a title such as `<b>` prints as typed. The PDF is made in memory and written
atomically with owner-only permissions: it is not encrypted, so callers warn first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QFont, QTextDocument

from reflect import timeutil
from reflect.frameworks import Lens, Way
from reflect.model import Reflection, Section
from storage.atomic import write_atomically
from ui.pdf_pages import ACCENT, INK, QUIET, PdfPages, document_page

FILE_MODE = 0o600
BODY_PX = 15  # 11.25 pt at 96 logical pixels per inch
SERIF = ("Georgia", "Cambria", "Charter", "Noto Serif", "DejaVu Serif", "Liberation Serif")
PLAINTEXT_NOTE = "This file is not encrypted: anyone who opens it can read it. Keep it private."
_PARAGRAPHS = re.compile(r"\n[ \t]*\n+")
SECTION_GAP = " style='margin-top:14px'"


# --- words ------------------------------------------------------------------------------


def day_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def heading_for(first: date, last: date) -> str:
    """ "Reflections, 3 March 2026 to 9 April 2026", or one day's."""
    if first == last:
        return f"Reflections, {day_words(first)}"
    return f"Reflections, {day_words(first)} to {day_words(last)}"


def heading_of(reflections: Sequence[Reflection]) -> str:
    """A heading from the reflections' own dates (in the zones they were written in)."""
    days = [r.happened_at.date() for r in reflections]
    if len(days) == 1:
        return f"Reflection, {day_words(days[0])}"
    if not days:
        return "Reflections"
    return heading_for(min(days), max(days))


def when_words(moment: datetime) -> str:
    """ "Tuesday 3 March 2026 at 09:30 GMT", in the zone the reflection has."""
    zone = moment.tzname() or moment.strftime("%z")
    return f"{moment:%A} {day_words(moment.date())} at {moment:%H:%M} {zone}".rstrip()


def _plural(n: int, word: str) -> str:
    return f"1 {word}" if n == 1 else f"{n} {word}s"


# --- the rich text ----------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# Reflections are written in Markdown; the PDF shows its emphasis rather than the marks.
_STRONG = re.compile(r"(?<![\w*])\*\*(?!\s)(.+?)(?<!\s)\*\*(?![\w*])")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])")
_UNDERSCORED = re.compile(r"(?<!\w)_(?![\s_])(.+?)(?<![\s_])_(?!\w)")


def _inline(line: str) -> str:
    """One escaped line with **strong** and *emphasis* (or _emphasis_) as bold and italic."""
    line = _STRONG.sub(r"<b>\1</b>", _e(line))
    line = _EMPHASIS.sub(r"<i>\1</i>", line)
    return _UNDERSCORED.sub(r"<i>\1</i>", line)


def _paragraphs(text: str) -> list[str]:
    """Paragraphs at blank lines, line breaks kept within them; all escaped."""
    return [
        "<br>".join(_inline(line.rstrip()) for line in p.split("\n"))
        for p in _PARAGRAPHS.split(text.strip("\n"))
        if p.strip()
    ]


def _section_html(section: Section) -> str:
    """The prompt as a small heading, the lens, then the text; a gap above it all."""
    parts = []
    if section.prompt and section.prompt.strip():
        parts.append(("prompt", _e(section.prompt.strip())))
    if section.lens is not None:
        parts.append(("lens", f"Lens: {_e(section.lens.display_name)}"))
    parts += [("body", paragraph) for paragraph in _paragraphs(section.text)]
    return "".join(
        f"<p class='{kind}'{SECTION_GAP if i == 0 else ''}>{text}</p>"
        for i, (kind, text) in enumerate(parts)
    )


def _details(r: Reflection) -> list[tuple[str, str]]:
    ways = [w.display_name for w in Way if w in r.ways]
    lenses = [lens.display_name for lens in Lens if lens in r.lenses]
    rows = [
        ("Ways of leadership", ways),
        ("Lenses", lenses),
        ("Tags", list(r.tags)),
        ("People", list(r.people)),
        ("Organisations", list(r.organisations)),
    ]
    return [(label, ", ".join(values)) for label, values in rows if values]


def reflection_html(r: Reflection, first: bool = False) -> str:
    breaking = "" if first else " style='page-break-before:always'"
    when = _e(when_words(r.happened_at))
    if r.starred:
        when += " &nbsp;·&nbsp; ★ Light-bulb moment"
    parts = [
        f"<p class='title'{breaking}>{_e(r.title or 'Untitled')}</p>",
        f"<p class='when'>{when}</p>",
    ]
    details = _details(r)
    if details:
        rows = "".join(
            f"<tr><td class='label'>{_e(label)}</td><td class='value'>{_e(value)}</td></tr>"
            for label, value in details
        )
        parts.append(f"<table class='details' cellspacing='0' cellpadding='0'>{rows}</table>")
    parts += [_section_html(s) for s in r.sections if s.text.strip()]
    return "".join(parts)


def reflections_html(reflections: Sequence[Reflection], heading: str, made: date) -> str:
    """The whole PDF as rich text for QTextDocument: the heading, then each reflection."""
    count = _plural(len(reflections), "reflection")
    parts = [
        "<p class='kicker'>REFLECT · FROM YOUR JOURNAL</p>",
        f"<p class='heading'>{_e(heading)}</p>",
        f"<p class='made'>{_e(count)}. Made on {_e(day_words(made))} by Reflect, "
        "on this computer.</p>",
        f"<p class='warning'>{_e(PLAINTEXT_NOTE)}</p>",
        "<hr>",
    ]
    parts += [reflection_html(r, first=(i == 0)) for i, r in enumerate(reflections)]
    return "".join(parts)


STYLE = f"""
p {{ color: {INK}; margin-top: 0; margin-bottom: 0; }}
p.kicker {{ font-family: sans-serif; font-size: 11px; font-weight: 600; color: {ACCENT}; }}
p.heading {{ font-size: 26px; font-weight: 600; margin-top: 6px; }}
p.made {{ font-size: 13px; color: {QUIET}; margin-top: 6px; }}
p.warning {{ font-size: 13px; font-weight: 600; margin-top: 4px; margin-bottom: 10px; }}
p.title {{ font-size: 21px; font-weight: 600; margin-top: 18px; }}
p.when {{ font-size: 13px; color: {QUIET}; margin-top: 4px; margin-bottom: 6px; }}
td.label {{ font-size: 12px; color: {QUIET}; padding: 1px 14px 1px 0; }}
td.value {{ font-size: 12px; color: {INK}; padding: 1px 0; }}
p.prompt {{ font-size: 14px; font-weight: 600; margin-bottom: 2px; }}
p.lens {{ font-size: 12px; font-style: italic; color: {QUIET}; margin-bottom: 4px; }}
p.body {{ line-height: 140%; margin-bottom: 9px; }}
"""


def body_font() -> QFont:
    font = QFont()
    font.setFamilies(list(SERIF))
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPixelSize(BODY_PX)
    return font


def reflections_document(
    reflections: Sequence[Reflection], heading: str, made: date, page: QSizeF
) -> QTextDocument:
    """The rich text laid out on pages of `page` (logical pixels)."""
    document = QTextDocument()
    document.setDefaultFont(body_font())
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(reflections_html(reflections, heading, made))
    document.setPageSize(page)
    return document


# --- the PDF ----------------------------------------------------------------------------


def render_reflections_pdf(
    reflections: Sequence[Reflection], heading: str, made: date | None = None
) -> bytes:
    """The reflections, in the order given, as an A4 PDF with "Page N of M" in the footer."""
    made = made or timeutil.now().date()
    pdf = PdfPages(heading)
    document = reflections_document(reflections, heading, made, QSizeF(pdf.width, pdf.body_height))
    pages = [document_page(document, i) for i in range(document.pageCount())]
    return pdf.draw(pages, heading)


def write_reflections_pdf(
    reflections: Sequence[Reflection], path: Path, heading: str, made: date | None = None
) -> None:
    """Make the PDF in memory, then replace `path` with it (owner-only, never half-written)."""
    write_atomically(Path(path), render_reflections_pdf(reflections, heading, made), FILE_MODE)

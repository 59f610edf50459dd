"""A discussion record as a one-page PDF for a professional portfolio (no reflection text)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from reflect.buddy_card import safety_number
from reflect.discussion_record import DiscussionRecord


def record_html(record: DiscussionRecord) -> str:
    first, second = record.participants
    people = " and ".join(html.escape(p.name) for p in record.participants)
    rows = "".join(
        f"<li>A reflection shared on {d.shared_on:%-d %B %Y} "
        f"<span style='color:#666'>(share {str(d.share_id)[:8]})</span></li>"
        for d in record.discussed
    )
    signed = "".join(
        f"<li>{html.escape(p.name)}: "
        f"{'signed' if record.signed_by(p) else '<b>not yet signed</b>'}</li>"
        for p in record.participants
    )
    return (
        "<h2>Reflective discussion record</h2>"
        f"<p>On <b>{record.held_on:%-d %B %Y}</b>, {people} met as buddies to discuss "
        "reflections they had shared with each other. What was written and said is not "
        "recorded here.</p>"
        f"<h3>Shared reflections discussed ({len(record.discussed)})</h3><ul>{rows}</ul>"
        f"<h3>Signatures</h3><ul>{signed}</ul>"
        f"<p style='color:#666'>Each signature is an Ed25519 signature made in that person's "
        f"Reflect journal. Their safety number: {safety_number(first, second)}. "
        f"Record {record.id}.</p>"
    )


def write_pdf(record: DiscussionRecord, path: Path) -> None:
    """Write the record to `path` (the leader chose it; it holds no reflection text)."""
    writer = QPdfWriter(str(path))
    writer.setTitle("Reflective discussion record")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(record_html(record))
    document.print_(writer)

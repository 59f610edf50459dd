"""The trust and agreement map (Peter Block, *The Empowered Manager*), drawn with QPainter.

Agreement on the issue runs left to right and trust runs upwards; the midlines
split the map into Block's four quadrants, and a column down the middle holds
the people whose agreement is not known (the fence-sitters). Each person is a
dot coloured by stance, though the quadrant alone tells the stance, so colour
is never the only signal; names sit beside the dots where the layout module
(`reflect.trust_map_layout`) found room, with a leader line when a name had to
move away. One person's path over time can be drawn through their ratings.

Keyboard: the map takes focus; arrow keys and Tab move a focus ring between
people in reading order (Tab leaves the map after the last one), and Enter or
Space opens the person. `clear()` forgets every name (the app calls it on lock).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reflect import trust_map_layout as geo
from reflect.trust import (
    SCALE_MAX,
    SCALE_MIN,
    Stance,
    TrustRating,
    describe_counts,
    describe_path,
    stance_of,
)

ACCESSIBLE_NAME = "Trust and agreement map"
EMPTY_HINT = "No one placed yet. Rate a person's trust and agreement on their page."
X_TITLE = "Agreement on the issue  →"
Y_TITLE = "Trust  →"
UNKNOWN_TICK = "not known"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Mid-toned hues that read on white and on near-black; the dark set is lighter.
_LIGHT = {
    Stance.ALLY: "#2a8f57",
    Stance.OPPONENT: "#2f6fbf",
    Stance.BEDFELLOW: "#a8740a",
    Stance.FENCE_SITTER: "#6f6a80",
    Stance.ADVERSARY: "#c23b35",
}
_DARK = {
    Stance.ALLY: "#52c485",
    Stance.OPPONENT: "#6fa8ee",
    Stance.BEDFELLOW: "#e0a83a",
    Stance.FENCE_SITTER: "#b0b0b6",
    Stance.ADVERSARY: "#f0726b",
}

LABEL_PAD_X = 4.0
LABEL_PAD_Y = 1.0
PLOT_PAD = 4.0  # between the quadrant frame and the area dots and names may use
FOCUS_RADIUS = geo.DOT_RADIUS + 4.0


@dataclass(frozen=True)
class MapPerson:
    person_id: uuid.UUID
    name: str
    trust: int
    agreement: int | None

    @property
    def stance(self) -> Stance:
        return stance_of(self.trust, self.agreement)


@dataclass(frozen=True)
class _Spot:
    """Where one person ended up on screen."""

    person: MapPerson
    dot: QPointF
    label: QRectF | None
    text: str  # the name, shortened with "…" when the layout had to
    leader: bool


@dataclass(frozen=True)
class _PathPoint:
    at: QPointF
    label: QRectF | None
    text: str


@dataclass(frozen=True)
class _Scene:
    """Everything computed for one size and font: frame, plot, people and the path."""

    size: tuple[int, int]
    frame: QRectF  # the quadrants, title strips included
    geometry: geo.Geometry
    spots: list[_Spot]
    order: list[int]  # indices of spots in reading order
    path: list[QPointF]
    path_points: list[_PathPoint]


def stance_colour(stance: Stance, palette: QPalette) -> QColor:
    """A stance's colour, lighter when the palette is dark."""
    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    return QColor((_DARK if dark else _LIGHT)[stance])


def _spoken(person: MapPerson) -> str:
    agreement = "not known" if person.agreement is None else str(person.agreement)
    return (
        f"{person.name}: {person.stance.display_name.lower()} "
        f"(trust {person.trust}, agreement {agreement})"
    )


def _month(rating: TrustRating) -> tuple[int, int]:
    return (rating.rated_at.year, rating.rated_at.month)


def _span(first: tuple[int, int], last: tuple[int, int]) -> str:
    """ "Mar 2026", "Mar – Jun 2026" or "Nov 2025 – Jan 2026"."""
    start = f"{_MONTHS[first[1] - 1]} {first[0]}"
    end = f"{_MONTHS[last[1] - 1]} {last[0]}"
    if first == last:
        return start
    if first[0] == last[0]:
        return f"{_MONTHS[first[1] - 1]} – {end}"
    return f"{start} – {end}"


def _along(line: Sequence[QPointF], step: float = 7.0) -> list[tuple[float, float]]:
    """Points every few pixels along a polyline, its corners left out."""
    points = []
    for a, b in pairwise(line):
        length = math.hypot(b.x() - a.x(), b.y() - a.y())
        count = int(length // step)
        for k in range(1, count):
            t = k / count
            points.append((a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t))
    return points


def _rect_f(r: geo.Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


class TrustMap(QWidget):
    person_activated = Signal(object)  # uuid.UUID: clicked, or Enter/Space on the focused person

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustMap")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(ACCESSIBLE_NAME)
        self._people: list[MapPerson] = []
        self._ratings: list[TrustRating] = []
        self._scene: _Scene | None = None
        self._scene_key: tuple[object, ...] | None = None
        self._focus: int | None = None  # index into self._people
        self._pressed: int | None = None
        self._describe()

    # --- the public face ----------------------------------------------------------------

    def set_people(self, people: Sequence[MapPerson]) -> None:
        """Show these people (each at their latest scores); the focus stays with its person."""
        focused = self._people[self._focus].person_id if self._focus is not None else None
        self._people = list(people)
        ids = [p.person_id for p in self._people]
        self._focus = ids.index(focused) if focused in ids else None
        self._invalidate()

    def set_path(self, ratings: Sequence[TrustRating]) -> None:
        """Draw one person's ratings as a line, oldest to newest, dated; empty clears it."""
        self._ratings = sorted(ratings, key=lambda r: r.rated_at)
        self._invalidate()

    def clear(self) -> None:
        """Forget every person, name and path (on lock): nothing identifying stays behind."""
        QToolTip.hideText()
        self._people = []
        self._ratings = []
        self._focus = None
        self._pressed = None
        self.setToolTip("")
        self.unsetCursor()
        self._invalidate()

    def people(self) -> list[MapPerson]:
        return list(self._people)

    def placed_labels(self) -> dict[uuid.UUID, QRectF]:
        """The rectangle each name was drawn in, in widget coordinates (for tests and tools)."""
        return {
            s.person.person_id: QRectF(s.label)
            for s in self._ensure_scene().spots
            if s.label is not None
        }

    def placed_dots(self) -> dict[uuid.UUID, QPointF]:
        return {s.person.person_id: QPointF(s.dot) for s in self._ensure_scene().spots}

    def path_labels(self) -> list[QRectF]:
        """The rectangles of the path's date labels, in widget coordinates."""
        return [QRectF(p.label) for p in self._ensure_scene().path_points if p.label is not None]

    def focused_person(self) -> uuid.UUID | None:
        return self._people[self._focus].person_id if self._focus is not None else None

    def sizeHint(self) -> QSize:
        return QSize(760, 540)

    def minimumSizeHint(self) -> QSize:
        return QSize(480, 360)

    # --- fonts ---------------------------------------------------------------------------

    def _scaled_font(self, scale: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * scale)
        else:
            font.setPixelSize(max(round(font.pixelSize() * scale), 8))
        font.setBold(bold)
        return font

    def _name_font(self) -> QFont:
        return self._scaled_font(0.92)

    def _small_font(self) -> QFont:
        return self._scaled_font(0.8)

    def _title_font(self) -> QFont:
        font = self._scaled_font(0.92, bold=True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        return font

    # --- layout --------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._scene = None
        self._scene_key = None
        self._describe()
        self.update()

    def _describe(self) -> None:
        """Counts per stance for assistive technology, and who the keyboard is on.

        No name is given except the focused person's, and only while the map has
        the focus: the same name the focus ring is showing on screen.
        """
        text = describe_counts(p.stance for p in self._people)
        if self._ratings:
            text += " Path: " + describe_path(self._ratings)
        if self._focus is not None and self.hasFocus():
            text += f" Focused: {_spoken(self._people[self._focus])}."
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
                )

    def _ensure_scene(self) -> _Scene:
        key = (self.width(), self.height(), QFontMetricsF(self._name_font()).height())
        if self._scene is None or self._scene_key != key:
            self._scene = self._build_scene()
            self._scene_key = key
        return self._scene

    def _frame_rect(self) -> QRectF:
        small = QFontMetricsF(self._small_font())
        axis = QFontMetricsF(self.font())
        widest_tick = small.horizontalAdvance(str(SCALE_MAX))
        left = 8 + axis.height() + 8 + widest_tick + 6
        bottom = 6 + small.height() + 6 + axis.height() + 6
        area = QRectF(self.rect())
        return area.adjusted(left, 8, -12, -bottom)

    def _strip_height(self) -> float:
        return QFontMetricsF(self._title_font()).height() + 8

    def _build_scene(self) -> _Scene:
        frame = self._frame_rect()
        strip = self._strip_height()
        plot = geo.Rect(
            frame.x() + PLOT_PAD,
            frame.y() + strip,
            max(frame.width() - 2 * PLOT_PAD, 1.0),
            max(frame.height() - 2 * strip, 1.0),
        )
        geometry = geo.Geometry.of(plot)
        fm = QFontMetricsF(self._name_font())
        label_h = math.ceil(fm.height() + 2 * LABEL_PAD_Y)
        entries = [
            geo.MapEntry(
                str(index),
                p.trust,
                p.agreement,
                math.ceil(fm.horizontalAdvance(p.name) + 2 * LABEL_PAD_X),
                label_h,
            )
            for index, p in enumerate(self._people)
        ]
        placed = geo.layout(entries, plot)
        spots = []
        for person, where in zip(self._people, placed, strict=True):
            text = person.name
            if where.elided_width is not None:
                text = fm.elidedText(
                    person.name, Qt.TextElideMode.ElideRight, where.elided_width - 2 * LABEL_PAD_X
                )
            spots.append(
                _Spot(
                    person,
                    QPointF(where.dot_x, where.dot_y),
                    None if where.label is None else _rect_f(where.label),
                    text,
                    where.leader,
                )
            )
        order = sorted(
            range(len(spots)),
            key=lambda i: (-spots[i].person.trust, spots[i].dot.x(), spots[i].dot.y(), i),
        )
        path, points = self._build_path(geometry, placed, spots)
        return _Scene((self.width(), self.height()), frame, geometry, spots, order, path, points)

    def _build_path(
        self, geometry: geo.Geometry, placed: list[geo.Placed], spots: list[_Spot]
    ) -> tuple[list[QPointF], list[_PathPoint]]:
        if not self._ratings:
            return [], []
        latest = self._ratings[-1]
        own_dot = next(
            (
                s.dot
                for s in spots
                if s.person.person_id == latest.person_id
                and (s.person.trust, s.person.agreement) == (latest.trust, latest.agreement)
            ),
            None,
        )
        line: list[QPointF] = []
        months: dict[tuple[float, float], list[tuple[int, int]]] = {}
        for rating in self._ratings:
            at = QPointF(geometry.x_for(rating.agreement), geometry.y_for(rating.trust))
            if rating is latest and own_dot is not None:
                at = QPointF(own_dot)
            if not line or line[-1] != at:
                line.append(at)
            dates = months.setdefault((at.x(), at.y()), [])
            if _month(rating) not in dates:
                dates.append(_month(rating))
        small = QFontMetricsF(self._small_font())
        anchors: list[geo.Anchor] = []
        texts: list[str] = []
        for (x, y), dates in months.items():
            text = _span(dates[0], dates[-1])
            texts.append(text)
            anchors.append(
                geo.Anchor(
                    f"path-{len(anchors)}",
                    x,
                    y,
                    math.ceil(small.horizontalAdvance(text) + 2 * LABEL_PAD_X),
                    math.ceil(small.height() + 2 * LABEL_PAD_Y),
                )
            )
        names = [p.label for p in placed if p.label is not None]
        dots = [(p.dot_x, p.dot_y) for p in placed] + _along(line)  # dates keep off the line
        results = geo.place_labels(anchors, geometry.plot, dots=dots, obstacles=names)
        points = [
            _PathPoint(QPointF(a.x, a.y), None if rect is None else _rect_f(rect), text)
            for a, text, (rect, _, _) in zip(anchors, texts, results, strict=True)
        ]
        return line, points

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._ensure_scene()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            self._paint_frame(painter, scene)
            self._paint_axes(painter, scene)
            if scene.path:
                self._paint_path(painter, scene)
            self._paint_people(painter, scene)
            if not self._people:
                self._paint_hint(painter, scene)
        finally:
            painter.end()

    def _faint(self, role: QPalette.ColorRole, alpha: int) -> QColor:
        colour = QColor(self.palette().color(role))
        colour.setAlpha(alpha)
        return colour

    def _paint_frame(self, painter: QPainter, scene: _Scene) -> None:
        palette = self.palette()
        frame = scene.frame
        g = scene.geometry
        band_left, band_right = g.band.x, g.band.right
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(frame, 6, 6)

        # A faint wash of each stance's colour over its quadrant, and a neutral band.
        clip = QPainterPath()
        clip.addRoundedRect(frame.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.save()
        painter.setClipPath(clip)
        painter.setPen(Qt.PenStyle.NoPen)
        top = QRectF(frame.left(), frame.top(), 0, g.mid_y - frame.top())
        bottom = QRectF(frame.left(), g.mid_y, 0, frame.bottom() - g.mid_y)
        washes = (
            (Stance.OPPONENT, frame.left(), band_left, top),
            (Stance.ALLY, band_right, frame.right(), top),
            (Stance.ADVERSARY, frame.left(), band_left, bottom),
            (Stance.BEDFELLOW, band_right, frame.right(), bottom),
        )
        for stance, left, right, rows in washes:
            colour = stance_colour(stance, palette)
            colour.setAlpha(20)
            painter.setBrush(colour)
            painter.drawRect(QRectF(left, rows.top(), right - left, rows.height()))
        band = QRectF(band_left, frame.top(), band_right - band_left, frame.height())
        painter.setBrush(self._faint(QPalette.ColorRole.Text, 12))
        painter.drawRect(band)
        painter.restore()

        # Midlines: trust across, and the band's edges between low and high agreement.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(self._faint(QPalette.ColorRole.Text, 90), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QLineF(frame.left(), g.mid_y, frame.right(), g.mid_y))
        for x in (band_left, band_right):
            painter.drawLine(QLineF(x, frame.top(), x, frame.bottom()))

        # Quadrant names in the title strips, in the corners; the fence below the band.
        painter.setFont(self._title_font())
        strip = self._strip_height()
        pad = 8.0
        top_strip = QRectF(frame.left() + pad, frame.top(), frame.width() - 2 * pad, strip)
        bottom_strip = QRectF(
            frame.left() + pad, frame.bottom() - strip, frame.width() - 2 * pad, strip
        )
        align_v = Qt.AlignmentFlag.AlignVCenter
        for stance, rect, align in (
            (Stance.OPPONENT, top_strip, Qt.AlignmentFlag.AlignLeft),
            (Stance.ALLY, top_strip, Qt.AlignmentFlag.AlignRight),
            (Stance.ADVERSARY, bottom_strip, Qt.AlignmentFlag.AlignLeft),
            (Stance.BEDFELLOW, bottom_strip, Qt.AlignmentFlag.AlignRight),
        ):
            colour = stance_colour(stance, palette)
            colour.setAlpha(200)
            painter.setPen(colour)
            painter.drawText(rect, align | align_v, stance.plural.capitalize())
        fence = QRectF(band.center().x() - 100, bottom_strip.top(), 200, strip)
        painter.setPen(self._faint(QPalette.ColorRole.Text, 150))
        painter.drawText(
            fence, Qt.AlignmentFlag.AlignHCenter | align_v, Stance.FENCE_SITTER.plural.capitalize()
        )

    def _paint_axes(self, painter: QPainter, scene: _Scene) -> None:
        palette = self.palette()
        frame = scene.frame
        g = scene.geometry
        small = self._small_font()
        fm = QFontMetricsF(small)
        tick_colour = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setFont(small)
        painter.setPen(tick_colour)
        for trust in range(SCALE_MIN, SCALE_MAX + 1):
            y = g.y_for(trust)
            rect = QRectF(frame.left() - 6 - 40, y - fm.height() / 2, 40, fm.height())
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, right, str(trust))
        below = frame.bottom() + 6
        ticks: list[tuple[float, str]] = [
            (g.x_for(a), str(a)) for a in range(SCALE_MIN, SCALE_MAX + 1)
        ]
        ticks.append((g.x_for(None), UNKNOWN_TICK))
        for x, text in ticks:
            width = fm.horizontalAdvance(text) + 4
            tick = QRectF(x - width / 2, below, width, fm.height())
            painter.drawText(tick, Qt.AlignmentFlag.AlignCenter, text)

        axis_font = QFont(self.font())
        painter.setFont(axis_font)
        afm = QFontMetricsF(axis_font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        title_y = below + fm.height() + 6
        painter.drawText(
            QRectF(frame.left(), title_y, frame.width(), afm.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            X_TITLE,
        )
        # The trust title reads upwards, centred on the plot's height.
        painter.save()
        painter.translate(8 + afm.height() / 2, frame.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-frame.height() / 2, -afm.height() / 2, frame.height(), afm.height()),
            Qt.AlignmentFlag.AlignCenter,
            Y_TITLE,
        )
        painter.restore()

    def _paint_path(self, painter: QPainter, scene: _Scene) -> None:
        palette = self.palette()
        colour = QColor(palette.color(QPalette.ColorRole.Highlight))
        if palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5:
            colour = colour.lighter(140)
        colour.setAlpha(200)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        line = QPen(colour, 2)
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(line)
        for a, b in pairwise(scene.path):
            painter.drawLine(QLineF(a, b))
            self._arrow_head(painter, a, b, colour)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(colour, 1.5))
        for stop in scene.path[:-1]:
            painter.drawEllipse(stop, 3.5, 3.5)
        dots = [s.dot for s in scene.spots]
        if scene.path[-1] not in dots:  # the person is not on the map: mark where they are now
            painter.setBrush(colour)
            painter.drawEllipse(scene.path[-1], 4.0, 4.0)
        small = self._small_font()
        painter.setFont(small)
        for point in scene.path_points:
            if point.label is None:
                continue
            if not point.label.contains(point.at):
                nearest = QPointF(
                    min(max(point.at.x(), point.label.left()), point.label.right()),
                    min(max(point.at.y(), point.label.top()), point.label.bottom()),
                )
                painter.setPen(QPen(self._faint(QPalette.ColorRole.Text, 80), 1))
                painter.drawLine(QLineF(point.at, nearest))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._faint(QPalette.ColorRole.Base, 225))
            painter.drawRoundedRect(point.label, 3, 3)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(point.label, Qt.AlignmentFlag.AlignCenter, point.text)

    @staticmethod
    def _arrow_head(painter: QPainter, a: QPointF, b: QPointF, colour: QColor) -> None:
        """A small arrow head part-way along a segment, pointing at the later rating."""
        length = math.hypot(b.x() - a.x(), b.y() - a.y())
        if length < 24:
            return
        ux, uy = (b.x() - a.x()) / length, (b.y() - a.y()) / length
        tip = QPointF(a.x() + ux * length * 0.55, a.y() + uy * length * 0.55)
        size = 6.0
        left = QPointF(tip.x() - ux * size - uy * size * 0.6, tip.y() - uy * size + ux * size * 0.6)
        right = QPointF(
            tip.x() - ux * size + uy * size * 0.6, tip.y() - uy * size - ux * size * 0.6
        )
        head = QPainterPath(tip)
        head.lineTo(left)
        head.lineTo(right)
        head.closeSubpath()
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(head)
        painter.restore()

    def _paint_people(self, painter: QPainter, scene: _Scene) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        focused = self._focus if self.hasFocus() else None

        # Leader lines first, so dots and names sit on top of them.
        painter.setPen(QPen(self._faint(QPalette.ColorRole.Text, 110), 1))
        for spot in scene.spots:
            if spot.leader and spot.label is not None:
                end = QPointF(
                    min(max(spot.dot.x(), spot.label.left()), spot.label.right()),
                    min(max(spot.dot.y(), spot.label.top()), spot.label.bottom()),
                )
                painter.drawLine(QLineF(spot.dot, end))

        for spot in scene.spots:
            colour = stance_colour(spot.person.stance, palette)
            if spot.person.agreement is None:  # unknown agreement: an open ring
                painter.setPen(QPen(colour, 2.2))
                painter.setBrush(base)
                radius = geo.DOT_RADIUS - 1.1
            else:
                painter.setPen(QPen(base, 1.5))
                painter.setBrush(colour)
                radius = geo.DOT_RADIUS
            painter.drawEllipse(spot.dot, radius, radius)

        name_font = self._name_font()
        painter.setFont(name_font)
        for index, spot in enumerate(scene.spots):
            if spot.label is None:
                continue
            is_focus = index == focused
            painter.setPen(Qt.PenStyle.NoPen)
            if is_focus:
                painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            else:
                backing = QColor(base)
                backing.setAlpha(215)
                painter.setBrush(backing)
            painter.drawRoundedRect(spot.label, 3, 3)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText) if is_focus else text)
            painter.drawText(spot.label, Qt.AlignmentFlag.AlignCenter, spot.text)

        if focused is not None and focused < len(scene.spots):
            spot = scene.spots[focused]
            ring = QColor(palette.color(QPalette.ColorRole.Highlight))
            if base.lightnessF() < 0.5:
                ring = ring.lighter(150)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(ring, 2))
            painter.drawEllipse(spot.dot, FOCUS_RADIUS, FOCUS_RADIUS)

    def _paint_hint(self, painter: QPainter, scene: _Scene) -> None:
        plot = _rect_f(scene.geometry.plot)
        fm = QFontMetricsF(self.font())
        width = max(min(plot.width() - 24, 320.0), 80.0)
        bounds = fm.boundingRect(
            QRectF(0, 0, width, 200), int(Qt.TextFlag.TextWordWrap), EMPTY_HINT
        )
        box = QRectF(0, 0, bounds.width() + 28, bounds.height() + 18)
        box.moveCenter(plot.center())
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(box, 6, 6)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), EMPTY_HINT
        )

    # --- pointing and keys ---------------------------------------------------------------

    def _person_at(self, pos: QPointF) -> int | None:
        scene = self._ensure_scene()
        best: tuple[float, int] | None = None
        for index, spot in enumerate(scene.spots):
            d = math.hypot(spot.dot.x() - pos.x(), spot.dot.y() - pos.y())
            if d <= geo.DOT_RADIUS + 4 and (best is None or d < best[0]):
                best = (d, index)
        if best is not None:
            return best[1]
        for index, spot in enumerate(scene.spots):
            if spot.label is not None and spot.label.contains(pos):
                return index
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._person_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), _spoken(self._people[index]), self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._person_at(event.position()) is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self._person_at(event.position())
            if self._pressed is not None:
                self._focus_on(self._pressed)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._pressed is not None:
            if self._person_at(event.position()) == self._pressed:
                self.person_activated.emit(self._people[self._pressed].person_id)
            self._pressed = None
        super().mouseReleaseEvent(event)

    def _focus_on(self, index: int | None) -> None:
        self._focus = index
        self._describe()
        self.update()

    def _step(self, forwards: bool) -> bool:
        """Move the focus one person on in reading order; False at either end."""
        order = self._ensure_scene().order
        if not order:
            return False
        if self._focus is None or self._focus not in order:
            self._focus_on(order[0] if forwards else order[-1])
            return True
        position = order.index(self._focus) + (1 if forwards else -1)
        if not 0 <= position < len(order):
            return False
        self._focus_on(order[position])
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.hasFocus() and self._step(next):
            return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        order = self._ensure_scene().order
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._step(True)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._step(False)
        elif key == Qt.Key.Key_Home and order:
            self._focus_on(order[0])
        elif key == Qt.Key.Key_End and order:
            self._focus_on(order[-1])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self._focus is not None:
                self.person_activated.emit(self._people[self._focus].person_id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tabbing in starts at the first person, tabbing back in at the last."""
        super().focusInEvent(event)
        order = self._ensure_scene().order
        reason = event.reason()
        if not order:
            self._focus_on(None)
        elif reason == Qt.FocusReason.BacktabFocusReason:
            self._focus_on(order[-1])
        elif reason == Qt.FocusReason.TabFocusReason or self._focus is None:
            self._focus_on(order[0])
        else:
            self._focus_on(self._focus)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._describe()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scene = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._scene = None
            self.update()
        super().changeEvent(event)

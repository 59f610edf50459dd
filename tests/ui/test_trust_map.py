"""The trust and agreement map as a real widget, offscreen: drawing, keys, mouse, privacy.

Set REFLECT_SHOT_DIR to a folder to keep the light and dark renders as PNGs to look at.
"""

from __future__ import annotations

import os
import random
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reflect.trust import Stance, TrustRating, stance_of
from reflect.trust_map_layout import DOT_RADIUS
from ui.trust_map import (
    ACCESSIBLE_NAME,
    FOCUS_RADIUS,
    MapPerson,
    TrustMap,
    stance_colour,
)

LONDON = ZoneInfo("Europe/London")
# A tooltip is a window; the offscreen platform has no window stack to raise it in.
OFFSCREEN_TOOLTIPS = pytest.mark.qt_log_ignore("This plugin does not support raise")
NAMES = [
    "Dr Amy Shah", "Cllr Peter Nkemelu", "Siân Öztürk", "Jo Bell",
    "Prof Margaret Okonkwo-Williams", "Tom Reid", "Aisha Rahman", "DCI Gareth Llewellyn",
    "Sir Anthony Bramwell-Hughes", "Li Wei", "Bethan Morgan", "Kwame Asante", "Fiona MacLeod",
    "Cllr Harjit Sandhu", "Dr Rhys Evans", "Nia Thomas", "Sarah O'Connor", "Mohammed Iqbal",
    "Chief Supt Dawn Fairweather", "Ed Kowalski", "Grace Adeyemi", "Paul Hennessy",
    "Dr Ruth Goldberg", "Declan Byrne", "Priya Patel", "Cllr Janet Whitworth-Smythe",
    "Ian Maclean", "Zoë Clarke", "Owen Pritchard", "Hannah Lloyd-Jones", "Imran Chaudhry",
    "Dame Elizabeth Carrington", "Ravi Nair", "Kate Doyle", "Matt Hughes", "Ngozi Okafor",
    "Alun Griffiths", "Lucy Chen", "Andrew Blackwood", "Yasmin Begum",
]  # fmt: skip

DARK = {
    QPalette.ColorRole.Window: "#24272b",
    QPalette.ColorRole.WindowText: "#e6e6e3",
    QPalette.ColorRole.Base: "#1c1e21",
    QPalette.ColorRole.AlternateBase: "#2a2d31",
    QPalette.ColorRole.Text: "#e6e6e3",
    QPalette.ColorRole.PlaceholderText: "#8d9096",
    QPalette.ColorRole.Button: "#2e3236",
    QPalette.ColorRole.ButtonText: "#e6e6e3",
    QPalette.ColorRole.Highlight: "#3d6fa6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4e8",
    QPalette.ColorRole.Light: "#464a50",
    QPalette.ColorRole.Midlight: "#363a3f",
    QPalette.ColorRole.Mid: "#3a3e44",
    QPalette.ColorRole.Dark: "#17191b",
}
LIGHT = {
    QPalette.ColorRole.Window: "#efefef",
    QPalette.ColorRole.WindowText: "#1d1d1f",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.Text: "#1d1d1f",
    QPalette.ColorRole.PlaceholderText: "#7a7a7e",
    QPalette.ColorRole.Highlight: "#2f6db5",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#2f6db5",
    QPalette.ColorRole.Mid: "#b8b8bc",
}


def palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    p = QPalette(QApplication.palette())
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    return p


def forty_people(seed: int = 3) -> list[MapPerson]:
    """Forty people spread as a leader's map tends to be: more trust than not, some unknown."""
    r = random.Random(seed)
    people = []
    for i, name in enumerate(NAMES):
        trust = min(10, max(1, round(r.gauss(6.3, 2.2))))
        agreement = None if r.random() < 0.12 else min(10, max(1, round(r.gauss(6, 2.4))))
        people.append(MapPerson(uuid.UUID(int=i + 1), name, trust, agreement))
    return people


@pytest.fixture
def trust_map(qtbot: QtBot) -> TrustMap:
    widget = TrustMap()
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return (
        abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance
    )


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def overlapping(rects: list[QRectF]) -> list[tuple[QRectF, QRectF]]:
    return [(a, b) for i, a in enumerate(rects) for b in rects[:i] if a.intersects(b)]


# --- drawing ------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_forty_people_are_drawn_without_a_single_overlapping_name(
    trust_map: TrustMap, theme: str
) -> None:
    trust_map.setPalette(palette(LIGHT if theme == "light" else DARK))
    trust_map.setAutoFillBackground(True)
    people = forty_people()
    trust_map.set_people(people)
    trust_map.setFocus()
    image = trust_map.grab().toImage()
    if shots := os.environ.get("REFLECT_SHOT_DIR"):
        image.save(str(Path(shots) / f"trust-map-{theme}.png"))

    labels = trust_map.placed_labels()
    assert set(labels) == {p.person_id for p in people}  # every name is shown
    assert overlapping(list(labels.values())) == []
    area = QRectF(trust_map.rect())
    dots = trust_map.placed_dots()
    for rect in labels.values():
        assert area.contains(rect)
        for dot in dots.values():
            square = QRectF(
                dot.x() - DOT_RADIUS, dot.y() - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS
            )
            assert not rect.intersects(square)

    # Each dot really is painted, in its stance's colour, where the widget says it is.
    scale = image.devicePixelRatio()
    for person in people:
        if person.agreement is None:
            continue  # drawn as an open ring
        dot = dots[person.person_id]
        pixel = image.pixelColor(round(dot.x() * scale), round(dot.y() * scale))
        assert close(pixel, stance_colour(person.stance, trust_map.palette())), person.name


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_stance_colours_read_on_the_page_and_differ_from_each_other(
    qtbot: QtBot, colours: dict[QPalette.ColorRole, str]
) -> None:
    p = palette(colours)
    base = p.color(QPalette.ColorRole.Base)
    hues = [stance_colour(s, p) for s in Stance]
    for stance, colour in zip(Stance, hues, strict=True):
        assert contrast(colour, base) >= 3.0, stance  # WCAG's bar for graphics
    for i, a in enumerate(hues):
        for b in hues[:i]:
            hue_apart = min(abs(a.hueF() - b.hueF()), 1 - abs(a.hueF() - b.hueF())) * 360
            assert hue_apart >= 20 or abs(a.hsvSaturationF() - b.hsvSaturationF()) >= 0.3


def test_it_draws_sharp_at_twice_the_pixels(trust_map: TrustMap) -> None:
    trust_map.set_people(forty_people())
    image = QImage(trust_map.size() * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2)
    image.fill(Qt.GlobalColor.transparent)
    trust_map.render(image)
    dots = trust_map.placed_dots()
    filled = next(p for p in forty_people() if p.agreement is not None)
    dot = dots[filled.person_id]
    pixel = image.pixelColor(round(dot.x() * 2), round(dot.y() * 2))
    assert close(pixel, stance_colour(filled.stance, trust_map.palette()))


def test_an_empty_map_paints_a_hint_and_says_so(trust_map: TrustMap) -> None:
    trust_map.set_people([])
    assert not trust_map.grab().isNull()
    assert trust_map.placed_labels() == {}
    assert trust_map.accessibleDescription() == "No one placed yet."


def test_it_grows_with_the_window_and_has_a_sensible_minimum(trust_map: TrustMap) -> None:
    assert trust_map.minimumSizeHint().width() >= 480
    assert trust_map.minimumSizeHint().height() >= 360
    trust_map.set_people(forty_people())
    small = trust_map.placed_dots()
    trust_map.resize(1400, 900)
    large = trust_map.placed_dots()
    assert max(p.x() for p in large.values()) > max(p.x() for p in small.values()) + 200
    assert overlapping(list(trust_map.placed_labels().values())) == []


def test_a_tiny_map_still_paints(trust_map: TrustMap) -> None:
    trust_map.setMinimumSize(0, 0)
    trust_map.resize(120, 90)
    trust_map.set_people(forty_people())
    assert not trust_map.grab().isNull()
    assert overlapping(list(trust_map.placed_labels().values())) == []


# --- a path over time ---------------------------------------------------------------------


def test_a_path_is_drawn_through_a_persons_ratings_with_dates(trust_map: TrustMap) -> None:
    amy = uuid.UUID(int=1)
    ratings = [
        TrustRating(uuid.uuid4(), amy, datetime(2025, m, 5, tzinfo=LONDON), t, a)
        for m, t, a in [(3, 3, None), (5, 3, None), (7, 4, 3), (10, 6, 4), (12, 8, 7)]
    ]
    trust_map.set_people([MapPerson(amy, "Dr Amy Shah", 8, 7)])
    trust_map.set_path(list(reversed(ratings)))  # any order: drawn oldest to newest
    dates = trust_map.path_labels()
    assert len(dates) == 4  # March and May share a spot
    names = list(trust_map.placed_labels().values())
    assert overlapping(dates + names) == []
    assert "ally since December 2025" in trust_map.accessibleDescription()
    assert not trust_map.grab().isNull()
    trust_map.set_path([])
    assert trust_map.path_labels() == []


# --- keys and mouse -----------------------------------------------------------------------


@pytest.fixture
def three(trust_map: TrustMap, qtbot: QtBot) -> list[MapPerson]:
    people = [
        MapPerson(uuid.UUID(int=3), "Cllr Peter Nkemelu", 3, 5),  # bottom
        MapPerson(uuid.UUID(int=2), "Siân Öztürk", 9, 8),  # top right
        MapPerson(uuid.UUID(int=1), "Dr Amy Shah", 9, 2),  # top left
    ]
    trust_map.set_people(people)
    trust_map.activateWindow()
    trust_map.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(trust_map.hasFocus)
    return people


def test_keys_move_between_people_in_reading_order_and_enter_opens_one(
    trust_map: TrustMap, three: list[MapPerson], qtbot: QtBot
) -> None:
    bottom, top_right, top_left = three
    assert trust_map.focused_person() == top_left.person_id
    with qtbot.waitSignal(trust_map.person_activated) as opened:
        qtbot.keyClick(trust_map, Qt.Key.Key_Return)
    assert opened.args == [top_left.person_id]

    qtbot.keyClick(trust_map, Qt.Key.Key_Right)
    assert trust_map.focused_person() == top_right.person_id
    # Assistive technology is told who the focus ring is on, as the screen shows.
    assert trust_map.accessibleDescription() == (
        "3 people: 1 ally, 1 opponent, 1 adversary. "
        "Focused: Siân Öztürk: ally (trust 9, agreement 8)."
    )
    qtbot.keyClick(trust_map, Qt.Key.Key_Down)
    assert trust_map.focused_person() == bottom.person_id
    with qtbot.waitSignal(trust_map.person_activated) as opened:
        qtbot.keyClick(trust_map, Qt.Key.Key_Space)
    assert opened.args == [bottom.person_id]
    qtbot.keyClick(trust_map, Qt.Key.Key_Up)
    assert trust_map.focused_person() == top_right.person_id
    qtbot.keyClick(trust_map, Qt.Key.Key_Home)
    assert trust_map.focused_person() == top_left.person_id
    qtbot.keyClick(trust_map, Qt.Key.Key_Tab)
    assert trust_map.focused_person() == top_right.person_id
    qtbot.keyClick(trust_map, Qt.Key.Key_Backtab)
    assert trust_map.focused_person() == top_left.person_id
    qtbot.keyClick(trust_map, Qt.Key.Key_End)
    with qtbot.waitSignal(trust_map.person_activated) as opened:
        qtbot.keyClick(trust_map, Qt.Key.Key_Enter)
    assert opened.args == [bottom.person_id]


def test_the_focus_ring_is_visible(trust_map: TrustMap, three: list[MapPerson]) -> None:
    trust_map.setPalette(palette(LIGHT))
    dot = trust_map.placed_dots()[three[2].person_id]
    image = trust_map.grab().toImage()
    ring = image.pixelColor(round(dot.x() + FOCUS_RADIUS), round(dot.y()))
    assert close(ring, trust_map.palette().color(QPalette.ColorRole.Highlight), tolerance=90)


def test_tab_leaves_the_map_after_the_last_person(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    before, trust_map, after = QLineEdit(), TrustMap(), QLineEdit()
    column = QVBoxLayout(window)
    for widget in (before, trust_map, after):
        column.addWidget(widget)
    people = forty_people()[:3]
    trust_map.set_people(people)
    window.show()
    window.activateWindow()
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(trust_map.hasFocus)
    seen = [trust_map.focused_person()]
    for _ in range(len(people) - 1):
        qtbot.keyClick(trust_map, Qt.Key.Key_Tab)
        seen.append(trust_map.focused_person())
    assert set(seen) == {p.person_id for p in people}
    qtbot.keyClick(trust_map, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    qtbot.waitUntil(trust_map.hasFocus)
    assert trust_map.focused_person() == seen[-1]  # coming back, from the end


def test_clicking_a_dot_or_a_name_opens_the_person(
    trust_map: TrustMap, three: list[MapPerson], qtbot: QtBot
) -> None:
    person = three[1]
    dot = trust_map.placed_dots()[person.person_id]
    with qtbot.waitSignal(trust_map.person_activated) as opened:
        qtbot.mouseClick(trust_map, Qt.MouseButton.LeftButton, pos=dot.toPoint())
    assert opened.args == [person.person_id]
    label = trust_map.placed_labels()[three[0].person_id]
    with qtbot.waitSignal(trust_map.person_activated) as opened:
        qtbot.mouseClick(trust_map, Qt.MouseButton.LeftButton, pos=label.center().toPoint())
    assert opened.args == [three[0].person_id]


@OFFSCREEN_TOOLTIPS
def test_hovering_shows_the_name_and_stance_only_while_there(
    trust_map: TrustMap, three: list[MapPerson], qtbot: QtBot
) -> None:
    person = three[2]
    dot = trust_map.placed_dots()[person.person_id].toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, dot, trust_map.mapToGlobal(dot))
    QApplication.sendEvent(trust_map, event)
    assert QToolTip.text() == "Dr Amy Shah: opponent (trust 9, agreement 2)"
    assert trust_map.toolTip() == ""  # nothing kept on the widget itself
    nowhere = QPoint(3, 3)
    QApplication.sendEvent(
        trust_map, QHelpEvent(QEvent.Type.ToolTip, nowhere, trust_map.mapToGlobal(nowhere))
    )
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


# --- accessibility and privacy ------------------------------------------------------------


def test_assistive_technology_hears_counts_and_no_name_until_one_has_focus(
    trust_map: TrustMap,
) -> None:
    people = forty_people()
    trust_map.set_people(people)
    assert trust_map.accessibleName() == ACCESSIBLE_NAME
    description = trust_map.accessibleDescription()
    assert description.startswith("40 people: ")
    counts = {s: sum(stance_of(p.trust, p.agreement) is s for p in people) for s in Stance}
    for stance, n in counts.items():
        if n:
            assert f"{n} {stance.value if n == 1 else stance.plural}" in description
    assert not any(p.name in description for p in people)
    assert trust_map.focusPolicy() == Qt.FocusPolicy.StrongFocus


@OFFSCREEN_TOOLTIPS
def test_clear_forgets_every_name(
    trust_map: TrustMap, three: list[MapPerson], qtbot: QtBot
) -> None:
    amy = three[2]
    trust_map.set_path(
        [TrustRating(uuid.uuid4(), amy.person_id, datetime(2026, 1, 2, tzinfo=LONDON), 9, 2)]
    )
    dot = trust_map.placed_dots()[amy.person_id].toPoint()
    QApplication.sendEvent(
        trust_map, QHelpEvent(QEvent.Type.ToolTip, dot, trust_map.mapToGlobal(dot))
    )
    trust_map.clear()
    assert trust_map.placed_labels() == {}
    assert trust_map.placed_dots() == {}
    assert trust_map.path_labels() == []
    assert trust_map.people() == []
    assert trust_map.focused_person() is None
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    assert trust_map.accessibleDescription() == "No one placed yet."
    assert trust_map.toolTip() == ""
    assert not trust_map.grab().isNull()
    # Nothing answers to a click or a key where the people were.
    trust_map.person_activated.connect(lambda _: pytest.fail("a forgotten person was opened"))
    QApplication.sendEvent(
        trust_map, QHelpEvent(QEvent.Type.ToolTip, dot, trust_map.mapToGlobal(dot))
    )
    assert not QToolTip.isVisible()
    qtbot.mouseClick(trust_map, Qt.MouseButton.LeftButton, pos=dot)
    qtbot.keyClick(trust_map, Qt.Key.Key_Return)

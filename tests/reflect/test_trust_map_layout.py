"""Placing dots and names on the trust map: the invariants hold for any crowd."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.trust import SCALE_MAX, SCALE_MIN
from reflect.trust_map_layout import (
    DOT_RADIUS,
    Anchor,
    Geometry,
    MapEntry,
    Placed,
    Rect,
    dot_rect,
    layout,
    place_labels,
)

PLOT = Rect(40.0, 30.0, 800.0, 600.0)
LINE = 17.0  # a name's height, as a 9 pt font measures it
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

Scores = tuple[int, int | None]


def width(name: str) -> float:
    """Roughly what a 9 pt sans serif measures, plus the label's padding."""
    return round(len(name) * 6.6 + 8)


def entries(scores: Sequence[Scores]) -> list[MapEntry]:
    return [
        MapEntry(f"p{i}", t, a, width(NAMES[i % len(NAMES)]), LINE)
        for i, (t, a) in enumerate(scores)
    ]


def realistic(seed: int) -> list[Scores]:
    r = random.Random(seed)
    out: list[Scores] = []
    for _ in range(40):
        t = min(SCALE_MAX, max(SCALE_MIN, round(r.gauss(6.3, 2.2))))
        a = None if r.random() < 0.12 else min(SCALE_MAX, max(SCALE_MIN, round(r.gauss(6, 2.4))))
        out.append((t, a))
    return out


def clustered(trusts: range, agreements: range, seed: int = 7) -> list[Scores]:
    r = random.Random(seed)
    return [(r.choice(trusts), r.choice(agreements)) for _ in range(40)]


DISTRIBUTIONS: dict[str, Callable[[], list[Scores]]] = {
    "realistic-1": lambda: realistic(1),
    "realistic-2": lambda: realistic(2),
    "realistic-3": lambda: realistic(3),
    "all-at-10-10": lambda: [(10, 10)] * 40,
    "all-at-1-1": lambda: [(1, 1)] * 40,
    "all-at-1-10": lambda: [(1, 10)] * 40,
    "all-at-10-1": lambda: [(10, 1)] * 40,
    "all-at-6-6": lambda: [(6, 6)] * 40,
    "all-at-5-5": lambda: [(5, 5)] * 40,
    "all-unknown-at-1": lambda: [(1, None)] * 40,
    "all-unknown-at-10": lambda: [(10, None)] * 40,
    "allies-packed-in-3-by-3": lambda: clustered(range(7, 10), range(7, 10)),
    "packed-at-the-centre": lambda: clustered(range(5, 7), range(5, 7)),
    "adversaries-packed": lambda: clustered(range(1, 4), range(1, 4)),
    "fence-sitters-everywhere": lambda: [(1 + i % 10, None) for i in range(40)],
    "one-per-score": lambda: [(1 + i % 10, 1 + (i * 3) % 10) for i in range(40)],
}


def check(items: Sequence[MapEntry], placed: Sequence[Placed], plot: Rect = PLOT) -> None:
    """Every invariant the map promises, in one place."""
    geometry = Geometry.of(plot)
    assert [p.key for p in placed] == [e.key for e in items]
    for e, p in zip(items, placed, strict=True):
        # The dot stays in its stance's quadrant (or the fence's half of the band).
        quadrant = geometry.quadrant(e.trust, e.agreement)
        assert quadrant.x + DOT_RADIUS <= p.dot_x <= quadrant.right - DOT_RADIUS, e
        assert quadrant.y + DOT_RADIUS <= p.dot_y <= quadrant.bottom - DOT_RADIUS, e
        assert p.label is not None, f"{e.key} has no label"
        assert plot.contains(p.label), f"{e.key} label {p.label} outside the plot"
    dots = [(p.dot_x, p.dot_y) for p in placed]
    for i, (x1, y1) in enumerate(dots):
        for x2, y2 in dots[:i]:
            assert math.hypot(x1 - x2, y1 - y2) >= 2 * DOT_RADIUS, "two dots overlap"
    labels = [p.label for p in placed if p.label is not None]
    for i, a in enumerate(labels):
        for b in labels[:i]:
            assert not a.intersects(b), f"labels overlap: {a} {b}"
        for x, y in dots:
            assert not a.intersects(dot_rect(x, y)), f"label {a} covers the dot at {(x, y)}"


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_forty_people_fit_without_overlaps_or_eliding(name: str) -> None:
    items = entries(DISTRIBUTIONS[name]())
    placed = layout(items, PLOT)
    check(items, placed)
    assert all(p.elided_width is None for p in placed), "a name had to be shortened"


@pytest.mark.parametrize("name", ["realistic-1", "all-at-10-10", "allies-packed-in-3-by-3"])
def test_the_layout_is_deterministic(name: str) -> None:
    items = entries(DISTRIBUTIONS[name]())
    assert layout(items, PLOT) == layout(list(items), PLOT)


def test_people_sharing_a_score_sit_in_a_small_cluster_around_it() -> None:
    geometry = Geometry.of(PLOT)
    placed = layout(entries([(8, 7)] * 7), PLOT)
    cx, cy = geometry.x_for(7), geometry.y_for(8)
    spots = {(round(p.dot_x, 3), round(p.dot_y, 3)) for p in placed}
    assert len(spots) == 7
    assert all(math.hypot(p.dot_x - cx, p.dot_y - cy) < 30 for p in placed)
    mean_x = sum(p.dot_x for p in placed) / 7
    mean_y = sum(p.dot_y for p in placed) / 7
    assert math.hypot(mean_x - cx, mean_y - cy) < 1  # centred on the score


def test_a_person_alone_sits_on_their_score_with_the_name_beside_them() -> None:
    geometry = Geometry.of(PLOT)
    [placed] = layout(entries([(9, 3)]), PLOT)
    assert (placed.dot_x, placed.dot_y) == (geometry.x_for(3), geometry.y_for(9))
    assert placed.label is not None
    assert not placed.leader
    assert placed.label.x > placed.dot_x  # to the right, where a reader looks first
    assert abs(placed.label.centre[1] - placed.dot_y) < 1


def test_the_axes_run_the_right_way_and_unknown_sits_in_the_middle() -> None:
    g = Geometry.of(PLOT)
    xs = [g.x_for(a) for a in range(SCALE_MIN, SCALE_MAX + 1)]
    ys = [g.y_for(t) for t in range(SCALE_MIN, SCALE_MAX + 1)]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # agreement grows to the right
    assert ys == sorted(ys, reverse=True)  # trust grows upwards
    assert g.x_for(5) < g.band.x < g.x_for(None) < g.band.right < g.x_for(6)
    assert g.y_for(6) < g.mid_y < g.y_for(5)

    def side(t: int, a: int | None) -> tuple[bool, str]:
        return (t >= 6, "unknown" if a is None else ("high" if a >= 6 else "low"))

    cells = [(t, a) for t in (1, 5, 6, 10) for a in (1, 5, 6, 10, None)]
    for t, a in cells:
        q = g.quadrant(t, a)
        assert q.contains_point(g.x_for(a), g.y_for(t))
        for t2, a2 in cells:
            if side(t, a) != side(t2, a2):
                assert not q.intersects(g.quadrant(t2, a2))


def test_names_are_shortened_only_when_there_is_no_room_at_all() -> None:
    plot = Rect(0, 0, 260, 160)
    items = [MapEntry(f"p{i}", 1 + i % 10, 1 + (i * 7) % 10, 150, LINE) for i in range(40)]
    placed = layout(items, plot)
    labels = [p.label for p in placed if p.label is not None]
    assert any(p.elided_width is not None or p.label is None for p in placed)
    for p in placed:
        if p.label is not None and p.elided_width is not None:
            assert p.label.w == p.elided_width < 150
    for i, a in enumerate(labels):
        assert plot.contains(a)
        assert not any(a.intersects(b) for b in labels[:i])


def test_nothing_at_all() -> None:
    assert layout([], PLOT) == []
    assert place_labels([], PLOT) == []


def test_extra_labels_avoid_names_already_placed() -> None:
    placed = layout(entries(realistic(4)), PLOT)
    names = [p.label for p in placed if p.label is not None]
    dots = [(p.dot_x, p.dot_y) for p in placed]
    g = Geometry.of(PLOT)
    anchors = [Anchor(f"d{t}", g.x_for(t), g.y_for(t), 60, 14) for t in (2, 5, 8)]
    extra = place_labels(anchors, PLOT, dots=dots, obstacles=names)
    for rect, _, _ in extra:
        assert rect is not None
        assert not any(rect.intersects(n) for n in names)
        assert not any(rect.intersects(dot_rect(x, y)) for x, y in dots)


def test_forty_people_are_laid_out_quickly() -> None:
    """Well under 50 ms on a desktop; the bound here is loose, as tests share the machine."""
    items = entries(realistic(1))
    best = min(_timed(lambda: layout(items, PLOT)) for _ in range(3))
    assert best < 0.25
    worst_case = entries([(10, 10)] * 40)
    assert min(_timed(lambda: layout(worst_case, PLOT)) for _ in range(2)) < 0.5


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


people = st.lists(
    st.tuples(
        st.integers(min_value=SCALE_MIN, max_value=SCALE_MAX),
        st.one_of(st.none(), st.integers(min_value=SCALE_MIN, max_value=SCALE_MAX)),
        st.integers(min_value=30, max_value=200),
    ),
    max_size=40,
)


@settings(max_examples=40, deadline=None)
@given(people)
def test_any_forty_people_fit_on_an_800_by_600_plot(raw: list[tuple[int, int | None, int]]) -> None:
    items = [MapEntry(f"p{i}", t, a, float(w), LINE) for i, (t, a, w) in enumerate(raw)]
    placed = layout(items, PLOT)
    check(items, placed)
    assert all(p.elided_width is None for p in placed)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=7, max_value=10),
            st.one_of(st.none(), st.integers(min_value=6, max_value=10)),
            st.integers(min_value=30, max_value=200),
        ),
        min_size=20,
        max_size=40,
    )
)
def test_a_crowd_in_one_corner_still_fits(raw: list[tuple[int, int | None, int]]) -> None:
    items = [MapEntry(f"p{i}", t, a, float(w), LINE) for i, (t, a, w) in enumerate(raw)]
    check(items, layout(items, PLOT))

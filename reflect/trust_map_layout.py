"""Where the trust map draws each person's dot and name: pure geometry, no Qt.

The map's x axis is agreement (low on the left, high on the right) and its y
axis is trust (low at the bottom, high at the top), in pixels with y growing
downwards as on screen. A column down the middle, between the low and the high
agreement halves, holds the people whose agreement is unknown: Block's
fence-sitters, who sit in the middle of the map.

Scores are whole numbers, so people often share a score. Their dots are spread
in a small hexagonal cluster around the score's spot, never on top of each other
and never across a midline (a dot's quadrant is its stance, so it must not move
into another). Each name is then placed next to its dot, trying the spots beside
it first and then further out with a leader line, so that no two names overlap,
no name covers a dot, and every name stays inside the plot. Only when there is
no room anywhere is a name shortened (elided), and only as much as it must be.

Everything is deterministic: the same input always gives the same picture.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reflect.trust import HIGH_FROM, SCALE_MAX, SCALE_MIN

DOT_RADIUS = 5.0
DOT_SPACING = 2 * DOT_RADIUS + 4.0  # centre to centre inside a cluster
DOT_CLEARANCE = DOT_RADIUS + 2.0  # half the side of the square a dot keeps free of names
LABEL_SPACE = 2.0  # the least clear space around a name
BAND_SHARE = 0.14  # the unknown-agreement column's share of the plot's width
BAND_MIN, BAND_MAX = 44.0, 150.0
ELIDE_STEPS = (0.8, 0.6, 0.45)  # fractions of a name's width tried when nothing fits
MIN_ELIDED_WIDTH = 28.0
STACK_FROM = 4  # this many dots sharing a score get their names in columns beside them
STACK_GAP = 14.0  # between a crowd and its columns of names
CROWD_LINK = 3.5 * DOT_SPACING  # dots of different scores this close form one crowd
SWAP_REACH = 60.0  # neighbours this close may trade labels to shorten their leader lines
AMBIGUITY = 16.0  # a name beside its dot keeps at least this much further from any other dot

SEARCH_BUDGET = 10
CROSSES_NAME = 6.0  # the cost of a leader line through a name (one ring further is 1)

_EPS = 1e-6
_BUCKET = 32.0


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle: top-left corner, width and height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def intersects(self, other: Rect) -> bool:
        """True when the interiors overlap; rectangles that only touch do not."""
        return (
            self.x < other.right - _EPS
            and other.x < self.right - _EPS
            and self.y < other.bottom - _EPS
            and other.y < self.bottom - _EPS
        )

    def contains(self, other: Rect) -> bool:
        return (
            other.x >= self.x - _EPS
            and other.y >= self.y - _EPS
            and other.right <= self.right + _EPS
            and other.bottom <= self.bottom + _EPS
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x - _EPS <= x <= self.right + _EPS and self.y - _EPS <= y <= self.bottom + _EPS

    def inflated(self, by: float) -> Rect:
        return Rect(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def nearest_point(self, x: float, y: float) -> tuple[float, float]:
        return (min(max(x, self.x), self.right), min(max(y, self.y), self.bottom))


def dot_rect(x: float, y: float) -> Rect:
    """The square around a dot that no name may enter."""
    return Rect(x - DOT_CLEARANCE, y - DOT_CLEARANCE, 2 * DOT_CLEARANCE, 2 * DOT_CLEARANCE)


@dataclass(frozen=True, slots=True)
class MapEntry:
    """One person to place: a key, two scores and the size of the name as the UI measured it."""

    key: str
    trust: int
    agreement: int | None
    label_w: float
    label_h: float


@dataclass(frozen=True, slots=True)
class Placed:
    """Where one entry went.

    `label` is None only when there was no room for even a shortened name. When
    `elided_width` is set, the name must be shortened to fit that width (the
    label rectangle already has it). `leader` means the name sits away from its
    dot, so draw a line from the dot to `leader_end` on the label's edge.
    """

    key: str
    dot_x: float
    dot_y: float
    label: Rect | None
    leader: bool
    elided_width: float | None

    @property
    def leader_end(self) -> tuple[float, float]:
        if self.label is None:
            return (self.dot_x, self.dot_y)
        return self.label.nearest_point(self.dot_x, self.dot_y)


@dataclass(frozen=True, slots=True)
class Geometry:
    """How scores map to pixels inside one plot rectangle."""

    plot: Rect
    band: Rect  # the column for people whose agreement is unknown
    mid_y: float  # between trust 5 and 6

    @classmethod
    def of(cls, plot: Rect) -> Geometry:
        band_w = min(max(plot.w * BAND_SHARE, BAND_MIN), BAND_MAX, plot.w / 3)
        band = Rect(plot.x + (plot.w - band_w) / 2, plot.y, band_w, plot.h)
        return cls(plot, band, cls._y(plot, HIGH_FROM - 0.5))

    @staticmethod
    def _y(plot: Rect, trust: float) -> float:
        slots = SCALE_MAX - SCALE_MIN + 1
        return plot.y + (SCALE_MAX + 0.5 - trust) * plot.h / slots

    @property
    def low_half_w(self) -> float:
        return self.band.x - self.plot.x

    def x_for(self, agreement: float | None) -> float:
        """The centre of an agreement score's column; None is the middle of the band."""
        if agreement is None:
            return self.band.centre[0]
        per_side = HIGH_FROM - SCALE_MIN
        slot = self.low_half_w / per_side
        if agreement < HIGH_FROM:
            return self.plot.x + (agreement - SCALE_MIN + 0.5) * slot
        return self.band.right + (agreement - HIGH_FROM + 0.5) * slot

    def y_for(self, trust: float) -> float:
        """The centre of a trust score's row."""
        return self._y(self.plot, trust)

    def quadrant(self, trust: int, agreement: int | None) -> Rect:
        """The area of the map that means the same stance (for fence-sitters: the band's half)."""
        top = trust >= HIGH_FROM
        y, h = (
            (self.plot.y, self.mid_y - self.plot.y)
            if top
            else (self.mid_y, self.plot.bottom - self.mid_y)
        )
        if agreement is None:
            return Rect(self.band.x, y, self.band.w, h)
        if agreement >= HIGH_FROM:
            return Rect(self.band.right, y, self.plot.right - self.band.right, h)
        return Rect(self.plot.x, y, self.low_half_w, h)

    def dot_area(self, trust: int, agreement: int | None) -> Rect:
        """Where a dot's centre may go: its quadrant, inset so the whole dot stays inside."""
        q = self.quadrant(trust, agreement)
        inset = DOT_RADIUS + 2.0
        w, h = max(q.w - 2 * inset, 0.0), max(q.h - 2 * inset, 0.0)
        return Rect(q.x + (q.w - w) / 2, q.y + (q.h - h) / 2, w, h)


# --- dots -------------------------------------------------------------------------------


def _hex_offsets(rings: int) -> list[tuple[float, float]]:
    """A hexagonal lattice around (0, 0), nearest first, then clockwise from the right."""
    points: list[tuple[float, float, float, float]] = []
    row_h = DOT_SPACING * math.sqrt(3) / 2
    for row in range(-rings, rings + 1):
        shift = DOT_SPACING / 2 if row % 2 else 0.0
        for col in range(-rings - 1, rings + 2):
            x, y = col * DOT_SPACING + shift, row * row_h
            d = math.hypot(x, y)
            if d <= rings * DOT_SPACING + _EPS:
                angle = math.atan2(y, x) % (2 * math.pi)
                points.append((round(d, 6), round(angle, 6), x, y))
    points.sort()
    return [(x, y) for _, _, x, y in points]


_LATTICE = _hex_offsets(14)


def _cluster(n: int) -> list[tuple[float, float]]:
    """The ideal offsets for n dots sharing a score: the n nearest lattice points, centred."""
    chosen = _LATTICE[:n]
    mx = sum(x for x, _ in chosen) / n
    my = sum(y for _, y in chosen) / n
    return [(x - mx, y - my) for x, y in chosen]


def place_dots(entries: Sequence[MapEntry], geometry: Geometry) -> list[tuple[float, float]]:
    """A position for each entry's dot, in the entries' order."""
    cells: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        cells[(entry.trust, entry.agreement)].append(index)

    def cell_order(cell: tuple[int, int | None]) -> tuple[int, int, int]:
        trust, agreement = cell
        return (-len(cells[cell]), -trust, -1 if agreement is None else agreement)

    placed: list[tuple[float, float] | None] = [None] * len(entries)
    taken: list[tuple[float, float]] = []
    for cell in sorted(cells, key=cell_order):
        trust, agreement = cell
        members = sorted(cells[cell], key=lambda i: (entries[i].key, i))
        area = geometry.dot_area(trust, agreement)
        cx = min(max(geometry.x_for(agreement), area.x), area.right)
        cy = min(max(geometry.y_for(trust), area.y), area.bottom)
        spares: list[tuple[float, float]] | None = None
        for index, (dx, dy) in zip(members, _cluster(len(members)), strict=True):
            spot = (cx + dx, cy + dy)
            if not _dot_fits(spot, area, taken):
                if spares is None:
                    spares = [(cx + x, cy + y) for x, y in _LATTICE]
                spot = _nearest_free(spot, spares, area, taken)
            placed[index] = spot
            taken.append(spot)
    return [p if p is not None else (0.0, 0.0) for p in placed]


def _dot_fits(spot: tuple[float, float], area: Rect, taken: Iterable[tuple[float, float]]) -> bool:
    if not area.contains_point(*spot):
        return False
    limit = (DOT_SPACING - 0.5) ** 2
    return all((spot[0] - x) ** 2 + (spot[1] - y) ** 2 >= limit for x, y in taken)


def _nearest_free(
    wanted: tuple[float, float],
    spares: list[tuple[float, float]],
    area: Rect,
    taken: list[tuple[float, float]],
) -> tuple[float, float]:
    """The free lattice spot nearest the cell's centre (spares are sorted that way)."""
    for spot in spares:
        if _dot_fits(spot, area, taken):
            return spot
    # A quadrant too small for its dots: keep them inside it, even if they touch.
    return (
        min(max(wanted[0], area.x), area.right),
        min(max(wanted[1], area.y), area.bottom),
    )


# --- names ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """A point that wants a label: a person's dot, or a point on a path."""

    key: str
    x: float
    y: float
    label_w: float
    label_h: float
    home: Rect | None = None  # labels are nudged to stay in this area when they can
    group: object = None  # anchors of one group (one shared score) may cross each other's dots


@dataclass(frozen=True, slots=True)
class _Segment:
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def box(self) -> Rect:
        x, y = min(self.x1, self.x2), min(self.y1, self.y2)
        return Rect(x, y, abs(self.x2 - self.x1), abs(self.y2 - self.y1))


class _Grid:
    """A bucket grid, so a candidate is checked only against things near it."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.count = 0

    @staticmethod
    def _rect_cells(r: Rect) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(r.x / _BUCKET), math.floor(r.right / _BUCKET) + 1):
            for j in range(math.floor(r.y / _BUCKET), math.floor(r.bottom / _BUCKET) + 1):
                yield (i, j)

    @staticmethod
    def _segment_cells(s: _Segment) -> Iterable[tuple[int, int]]:
        """Exactly the buckets a segment passes through, column by column."""
        x1, y1, x2, y2 = s.x1, s.y1, s.x2, s.y2
        if x1 > x2:
            x1, y1, x2, y2 = x2, y2, x1, y1
        slope = (y2 - y1) / (x2 - x1) if x2 - x1 > _EPS else None
        for i in range(math.floor(x1 / _BUCKET), math.floor(x2 / _BUCKET) + 1):
            if slope is None:
                ya, yb = y1, y2
            else:
                xa = max(x1, i * _BUCKET)
                xb = min(x2, (i + 1) * _BUCKET)
                ya, yb = y1 + (xa - x1) * slope, y1 + (xb - x1) * slope
            if ya > yb:
                ya, yb = yb, ya
            for j in range(math.floor(ya / _BUCKET), math.floor(yb / _BUCKET) + 1):
                yield (i, j)

    def _add(self, cells: Iterable[tuple[int, int]]) -> int:
        index = self.count
        self.count += 1
        for cell in cells:
            self.cells[cell].append(index)
        return index

    def _near(self, cells: Iterable[tuple[int, int]]) -> set[int]:
        found: set[int] = set()
        buckets = self.cells
        for cell in cells:
            bucket = buckets.get(cell)
            if bucket:
                found.update(bucket)
        return found

    def add_rect(self, r: Rect) -> int:
        return self._add(self._rect_cells(r))

    def add_segment(self, s: _Segment) -> int:
        return self._add(self._segment_cells(s))

    def near_rect(self, r: Rect) -> set[int]:
        return self._near(self._rect_cells(r))

    def near_segment(self, s: _Segment) -> set[int]:
        return self._near(self._segment_cells(s))


class _Rects:
    """Rectangles in a bucket grid."""

    def __init__(self) -> None:
        self.grid = _Grid()
        self.rects: list[Rect] = []

    def add(self, r: Rect) -> None:
        self.grid.add_rect(r)
        self.rects.append(r)

    def hits(self, r: Rect) -> bool:
        """Does r overlap any rectangle held? (The hot path of the search, so inlined.)"""
        cells = self.grid.cells
        rects = self.rects
        left, top = r.x + _EPS, r.y + _EPS
        right, bottom = r.x + r.w - _EPS, r.y + r.h - _EPS
        for i in range(math.floor(r.x / _BUCKET), math.floor((r.x + r.w) / _BUCKET) + 1):
            for j in range(math.floor(r.y / _BUCKET), math.floor((r.y + r.h) / _BUCKET) + 1):
                bucket = cells.get((i, j))
                if bucket:
                    for k in bucket:
                        o = rects[k]
                        if o.x < right and left < o.x + o.w and o.y < bottom and top < o.y + o.h:
                            return True
        return False


def _segment_hits_rect(s: _Segment, r: Rect) -> bool:
    """Liang–Barsky: does the segment pass through the rectangle's interior?"""
    dx, dy = s.x2 - s.x1, s.y2 - s.y1
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, s.x1 - r.x),
        (dx, r.right - s.x1),
        (-dy, s.y1 - r.y),
        (dy, r.bottom - s.y1),
    ):
        if abs(p) < _EPS:
            if q <= _EPS:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1 - _EPS:
            return False
    return True


def _distance2(s: _Segment, x: float, y: float) -> float:
    """The squared distance from a point to a segment."""
    dx, dy = s.x2 - s.x1, s.y2 - s.y1
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 < _EPS else min(max(((x - s.x1) * dx + (y - s.y1) * dy) / length2, 0), 1)
    px, py = s.x1 + t * dx - x, s.y1 + t * dy - y
    return px * px + py * py


def _segments_cross(a: _Segment, b: _Segment) -> bool:
    def orient(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    d1 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1)
    d2 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2)
    d3 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1)
    d4 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2)
    return d1 * d2 < 0 and d3 * d4 < 0


def _near_spots(x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    """Top-left corners for a label right beside a dot, best first."""
    side = DOT_CLEARANCE + LABEL_SPACE
    diag = side
    return [
        (x + side, y - h / 2),  # right
        (x - side - w, y - h / 2),  # left
        (x + diag, y - diag - h),  # above right
        (x + diag, y + diag),  # below right
        (x - diag - w, y - diag - h),  # above left
        (x - diag - w, y + diag),  # below left
        (x - w / 2, y - side - h),  # above
        (x - w / 2, y + side),  # below
    ]


def _ring_spots(
    x: float, y: float, w: float, h: float, radius: float
) -> list[tuple[float, float, float]]:
    """(left, top, preference) for labels whose nearest edge is `radius` from the dot."""
    count = min(max(int(2 * math.pi * radius / 16.0), 12), 40)
    spots = []
    for k in range(count):
        angle = 2 * math.pi * k / count
        c, s = math.cos(angle), math.sin(angle)
        px, py = x + radius * c, y + radius * s
        if c > 0.38:
            left, top = px, py - h / 2
        elif c < -0.38:
            left, top = px - w, py - h / 2
        else:
            left = px - w / 2
            top = py - h if s < 0 else py
        spots.append((left, top, 0.3 * abs(s)))
    return spots


class _Placer:
    """Places labels one at a time, each avoiding everything placed before it."""

    def __init__(
        self,
        plot: Rect,
        dots: Sequence[tuple[float, float]],
        groups: Sequence[object],
        obstacles: Iterable[Rect],
    ) -> None:
        self.plot = plot
        self.blocked = _Rects()  # labels, dot squares and obstacles, inflated by LABEL_SPACE
        self.dots = _Rects()  # the dots themselves, for leader lines and ambiguity
        self.groups = list(groups)
        for x, y in dots:
            self.blocked.add(dot_rect(x, y).inflated(LABEL_SPACE))
            self.dots.add(Rect(x - DOT_RADIUS, y - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS))
        for r in obstacles:
            self.blocked.add(r.inflated(LABEL_SPACE))
        self.labels = _Rects()
        self.leaders: list[_Segment] = []
        self.leader_grid = _Grid()
        self.max_radius = math.hypot(plot.w, plot.h)

    def _free(self, r: Rect) -> bool:
        return self.plot.contains(r) and not self.blocked.hits(r)

    def _ambiguous(self, a: Anchor, r: Rect) -> bool:
        """A label beside its dot must be clearly nearer to it than to any other dot.

        A dot hidden behind the label's own dot (further along the same direction)
        cannot be mistaken for the owner, so it does not count.
        """
        nx, ny = r.nearest_point(a.x, a.y)
        own = math.hypot(nx - a.x, ny - a.y) + AMBIGUITY
        cx, cy = r.centre
        ux, uy = a.x - cx, a.y - cy
        reach = math.hypot(ux, uy)
        dots = self.dots.rects
        for i in self.dots.grid.near_rect(r.inflated(own)):
            dx, dy = dots[i].centre
            if abs(dx - a.x) < _EPS and abs(dy - a.y) < _EPS:
                continue
            ox, oy = r.nearest_point(dx, dy)
            if math.hypot(ox - dx, oy - dy) >= own:
                continue
            vx, vy = dx - cx, dy - cy
            far = math.hypot(vx, vy)
            if far > reach and ux * vx + uy * vy > 0.8 * reach * far:
                continue  # behind the label's own dot
            return True
        return False

    def _crossed_by_leaders(self, r: Rect) -> int:
        leaders = self.leaders
        return sum(1 for i in self.leader_grid.near_rect(r) if _segment_hits_rect(leaders[i], r))

    def _leader(self, a: Anchor, r: Rect) -> _Segment:
        ex, ey = r.nearest_point(a.x, a.y)
        length = math.hypot(ex - a.x, ey - a.y) or 1.0
        sx = a.x + (ex - a.x) * DOT_RADIUS / length
        sy = a.y + (ey - a.y) * DOT_RADIUS / length
        return _Segment(sx, sy, ex, ey)

    def _leader_cost(self, a: Anchor, r: Rect) -> float:
        """Penalties for a leader line that crosses names, other dots or other leaders."""
        seg = self._leader(a, r)
        cost = 0.0
        labels = self.labels.rects
        for i in self.labels.grid.near_segment(seg):
            if _segment_hits_rect(seg, labels[i].inflated(1.0)):
                cost += CROSSES_NAME
        dots, groups = self.dots.rects, self.groups
        reach = (DOT_RADIUS + 1.0) ** 2
        for i in self.dots.grid.near_segment(seg):
            if a.group is not None and groups[i] == a.group:
                continue  # crossing a dot with the same scores misleads no one
            dx, dy = dots[i].centre
            if (abs(dx - a.x) > _EPS or abs(dy - a.y) > _EPS) and _distance2(seg, dx, dy) < reach:
                cost += 0.8
        for i in self.leader_grid.near_segment(seg):
            if _segments_cross(seg, self.leaders[i]):
                cost += 1.5
        return cost

    def _away_cost(self, a: Anchor, r: Rect) -> float:
        if a.home is None:
            return 0.0
        cx, cy = r.centre
        return 0.0 if a.home.contains_point(cx, cy) else 0.6

    def find(self, a: Anchor, w: float) -> tuple[Rect, bool] | None:
        """The best free spot for a label `w` wide, and whether it needs a leader line."""
        h = a.label_h
        for left, top in _near_spots(a.x, a.y, w, h):
            r = Rect(left, top, w, h)
            if self._free(r) and not self._crossed_by_leaders(r) and not self._ambiguous(a, r):
                return r, False
        best: tuple[float, Rect] | None = None
        step = max(h, 10.0)
        ring = 1
        radius = DOT_CLEARANCE + LABEL_SPACE + step * 0.75
        budget = SEARCH_BUDGET  # leader lines weighed once some spot has been found
        while radius <= self.max_radius and (best is None or (best[0] > ring and budget > 0)):
            free = []
            plot = self.plot
            for left, top, preference in _ring_spots(a.x, a.y, w, h, radius):
                if (
                    left < plot.x - _EPS
                    or top < plot.y - _EPS
                    or left + w > plot.right + _EPS
                    or top + h > plot.bottom + _EPS
                ):
                    continue
                r = Rect(left, top, w, h)
                if self._free(r):
                    free.append((ring + preference + self._away_cost(a, r), r))
            free.sort(key=lambda c: c[0])
            for base, r in free:
                if best is not None and (base >= best[0] or budget <= 0):
                    break
                cost = base + 3.0 * self._crossed_by_leaders(r)
                if best is not None and cost >= best[0]:
                    continue
                cost += self._leader_cost(a, r)
                if best is not None:
                    budget -= 1
                if best is None or cost < best[0]:
                    best = (cost, r)
            ring += 1
            radius += step if ring < 8 else step * 1.5
        return None if best is None else (best[1], True)

    def fits_stack(self, a: Anchor, r: Rect) -> bool:
        """A column slot is used only when it is free and its leader crosses nothing much."""
        return (
            self._free(r)
            and not self._crossed_by_leaders(r)
            and self._leader_cost(a, r) < CROSSES_NAME
        )

    def commit(self, a: Anchor, r: Rect, leader: bool) -> None:
        self.blocked.add(r.inflated(LABEL_SPACE))
        self.labels.add(r)
        if leader:
            seg = self._leader(a, r)
            self.leaders.append(seg)
            self.leader_grid.add_segment(seg)


def _crowding(anchors: Sequence[Anchor]) -> list[float]:
    """How hemmed in each anchor is by the others (0 when alone)."""
    reach = 90.0
    out = []
    for a in anchors:
        total = 0.0
        for b in anchors:
            if b is not a:
                d = math.hypot(a.x - b.x, a.y - b.y)
                if d < reach:
                    total += 1.0 - d / reach
        out.append(total)
    return out


def _crowds(anchors: Sequence[Anchor]) -> list[list[int]]:
    """Groups of STACK_FROM or more grouped anchors whose dots touch or nearly touch."""
    grouped = [i for i, a in enumerate(anchors) if a.group is not None]
    parent = {i: i for i in grouped}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, i in enumerate(grouped):
        for j in grouped[n + 1 :]:
            a, b = anchors[i], anchors[j]
            if a.group == b.group or math.hypot(a.x - b.x, a.y - b.y) <= CROWD_LINK:
                parent[root(i)] = root(j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in grouped:
        members[root(i)].append(i)
    crowds = [m for m in members.values() if len(m) >= STACK_FROM]
    crowds.sort(key=lambda m: (-len(m), min(anchors[i].key for i in m)))
    return crowds


def _uncross(
    column: list[int], tops: list[float], anchors: Sequence[Anchor], edge: float, h: float
) -> list[float]:
    """Swap rows between names whose leader lines cross, until none do (or enough tries)."""

    def seg(i: int, top: float) -> _Segment:
        a = anchors[i]
        return _Segment(a.x, a.y, edge, min(max(a.y, top), top + h))

    tops = list(tops)
    for _ in range(12):
        swapped = False
        for m in range(len(column)):
            for n in range(m + 1, len(column)):
                if _segments_cross(seg(column[m], tops[m]), seg(column[n], tops[n])):
                    tops[m], tops[n] = tops[n], tops[m]
                    swapped = True
        if not swapped:
            break
    return tops


def _stacks(
    members: Sequence[int], anchors: Sequence[Anchor], plot: Rect
) -> list[tuple[int, Rect]]:
    """Tidy columns of names to the left and right of a crowd.

    The leftmost dots take the left column and the rest the right; within a column
    names run in the order of their dots from top to bottom, then any two whose
    leader lines would cross swap places. A side without room gives its names to
    the other; what neither side can hold is left to the general search.
    """
    xs = [anchors[i].x for i in members]
    ys = [anchors[i].y for i in members]
    left_edge, right_edge = min(xs) - DOT_RADIUS - STACK_GAP, max(xs) + DOT_RADIUS + STACK_GAP
    centre_y = (min(ys) + max(ys)) / 2
    by_x = sorted(members, key=lambda i: (anchors[i].x, anchors[i].y, anchors[i].key, i))
    h = max(anchors[i].label_h for i in members)
    pitch = h + LABEL_SPACE + 1.0
    rows = max(int((plot.h + LABEL_SPACE + 1.0) // pitch), 0)
    n = len(members)
    fits_left = [left_edge - anchors[i].label_w >= plot.x for i in by_x]
    fits_right = [right_edge + anchors[i].label_w <= plot.right for i in by_x]
    # Split the crowd by x, moving the split so that neither side is given more than it holds.
    best: tuple[float, int] | None = None
    for k in range(n + 1):
        left_n = sum(fits_left[:k])
        right_n = sum(fits_right[k:])
        used = min(left_n, rows) + min(right_n, rows)
        score = used * 1000 - abs(k - n / 2)
        if best is None or score > best[0]:
            best = (score, k)
    k = best[1] if best is not None else 0
    left = [i for i, ok in zip(by_x[:k], fits_left[:k], strict=True) if ok][:rows]
    right = [i for i, ok in zip(by_x[k:], fits_right[k:], strict=True) if ok][:rows]
    out: list[tuple[int, Rect]] = []
    for column, on_left in ((left, True), (right, False)):
        if not column:
            continue
        column = sorted(column, key=lambda i: (anchors[i].y, anchors[i].x, anchors[i].key, i))
        height = len(column) * pitch - LABEL_SPACE - 1.0
        top = min(max(centre_y - height / 2, plot.y), plot.bottom - height)
        edge = left_edge if on_left else right_edge
        tops = _uncross(column, [top + row * pitch for row in range(len(column))], anchors, edge, h)
        for i, y in zip(column, tops, strict=True):
            a = anchors[i]
            x = edge - a.label_w if on_left else edge
            out.append((i, Rect(x, y, a.label_w, a.label_h)))
    return out


def place_labels(
    anchors: Sequence[Anchor],
    plot: Rect,
    dots: Sequence[tuple[float, float]] = (),
    obstacles: Sequence[Rect] = (),
) -> list[tuple[Rect | None, bool, float | None]]:
    """(label, leader, elided width) for each anchor, in the anchors' order.

    `dots` are points no label may cover (every anchor's own point is added);
    `obstacles` are rectangles no label may overlap (e.g. labels already drawn).
    Crowds of STACK_FROM or more anchors sharing a group are labelled first, in
    columns beside the crowd. Then the rest, least crowded first, so isolated
    people keep their names right beside them.
    """
    points = [(a.x, a.y) for a in anchors]
    own = set(points)
    extra = [d for d in dots if d not in own]
    groups_of = [a.group for a in anchors] + [None] * len(extra)
    placer = _Placer(plot, [*points, *extra], groups_of, obstacles)
    results: list[tuple[Rect | None, bool, float | None]] = [(None, False, None)] * len(anchors)

    done: set[int] = set()
    for members in _crowds(anchors):
        for i, rect in _stacks(members, anchors, plot):
            if placer.fits_stack(anchors[i], rect):
                placer.commit(anchors[i], rect, True)
                results[i] = (rect, True, None)
                done.add(i)

    crowding = _crowding(anchors)
    rest = sorted(
        (i for i in range(len(anchors)) if i not in done),
        key=lambda i: (round(crowding[i], 6), anchors[i].y, anchors[i].x, anchors[i].key, i),
    )
    for i in rest:
        a = anchors[i]
        found = placer.find(a, a.label_w)
        elided: float | None = None
        if found is None:
            for share in ELIDE_STEPS:
                width = max(a.label_w * share, min(MIN_ELIDED_WIDTH, a.label_w))
                found = placer.find(a, width)
                if found is not None:
                    elided = width
                    break
        if found is None:
            continue
        rect, leader = found
        placer.commit(a, rect, leader)
        results[i] = (rect, leader, elided)
    _untangle(results, anchors, plot, [*points, *extra], obstacles, done)
    return results


def _leader_of(a: Anchor, r: Rect) -> _Segment:
    ex, ey = r.nearest_point(a.x, a.y)
    return _Segment(a.x, a.y, ex, ey)


def _length(s: _Segment) -> float:
    return math.hypot(s.x2 - s.x1, s.y2 - s.y1)


def _moved_to(a: Anchor, r: Rect, spot: Rect, owner: Anchor) -> Rect:
    """Anchor a's label, put where another label sits, keeping that spot's side of its dot."""
    if spot.x >= owner.x:
        return Rect(spot.x, spot.y, r.w, r.h)
    if spot.right <= owner.x:
        return Rect(spot.right - r.w, spot.y, r.w, r.h)
    return Rect(spot.centre[0] - r.w / 2, spot.y, r.w, r.h)


def _untangle(
    results: list[tuple[Rect | None, bool, float | None]],
    anchors: Sequence[Anchor],
    plot: Rect,
    dots: Sequence[tuple[float, float]],
    obstacles: Sequence[Rect],
    stacked: set[int],
) -> None:
    """Let two labels trade places where their leader lines cross, or where neighbours'
    lines both get clearly shorter, if both labels still fit. Columns are already tidy."""
    blocked = [dot_rect(x, y).inflated(LABEL_SPACE) for x, y in dots]
    blocked += [o.inflated(LABEL_SPACE) for o in obstacles]
    padded = {i: r.inflated(LABEL_SPACE) for i, (r, _, _) in enumerate(results) if r is not None}

    def fits(n: Rect, seg: _Segment, skip: tuple[int, int], lines: dict[int, _Segment]) -> bool:
        return (
            plot.contains(n)
            and not any(n.intersects(o) for k, o in padded.items() if k not in skip)
            and not any(n.intersects(b) for b in blocked)
            and not any(
                _segment_hits_rect(seg, results[k][0] or o)
                for k, o in padded.items()
                if k not in skip
            )
            and not any(_segment_hits_rect(line, n) for k, line in lines.items() if k not in skip)
        )

    for _ in range(3):
        changed = False
        lines = {
            i: _leader_of(anchors[i], r)
            for i, (r, leader, _) in enumerate(results)
            if r is not None and leader
        }
        order = sorted(lines)
        for m, i in enumerate(order):
            for j in order[m + 1 :]:
                ai, aj = anchors[i], anchors[j]
                crossed = _segments_cross(lines[i], lines[j])
                if not crossed and (
                    (i in stacked and j in stacked)
                    or math.hypot(ai.x - aj.x, ai.y - aj.y) > SWAP_REACH
                ):
                    continue
                ri, rj = results[i][0], results[j][0]
                assert ri is not None and rj is not None
                ni, nj = _moved_to(ai, ri, rj, aj), _moved_to(aj, rj, ri, ai)
                si, sj = _leader_of(ai, ni), _leader_of(aj, nj)
                if _segments_cross(si, sj) or ni.intersects(nj.inflated(LABEL_SPACE)):
                    continue
                if not crossed and _length(si) + _length(sj) > (
                    _length(lines[i]) + _length(lines[j]) - 4.0
                ):
                    continue  # neighbours trade only when both lines get clearly shorter
                if fits(ni, si, (i, j), lines) and fits(nj, sj, (i, j), lines):
                    results[i] = (ni, True, results[i][2])
                    results[j] = (nj, True, results[j][2])
                    padded[i], padded[j] = ni.inflated(LABEL_SPACE), nj.inflated(LABEL_SPACE)
                    lines[i], lines[j] = si, sj
                    changed = True
        if not changed:
            break


def layout(entries: Sequence[MapEntry], plot: Rect) -> list[Placed]:
    """Dots and names for every entry, in the entries' order."""
    geometry = Geometry.of(plot)
    dots = place_dots(entries, geometry)
    anchors = [
        Anchor(
            e.key,
            x,
            y,
            e.label_w,
            e.label_h,
            geometry.quadrant(e.trust, e.agreement),
            (e.trust, e.agreement),
        )
        for e, (x, y) in zip(entries, dots, strict=True)
    ]
    labels = place_labels(anchors, plot)
    return [
        Placed(e.key, x, y, label, leader, elided)
        for e, (x, y), (label, leader, elided) in zip(entries, dots, labels, strict=True)
    ]

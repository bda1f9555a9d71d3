"""The SOP flowchart sheet ("lembar bagan alir") as SVG, drawn here as a pure function of the data.

PermenPAN-RB 35/2012 fixes the layout of an SOP AP flowchart: a table with the columns No,
Aktivitas, one swimlane per pelaksana, Mutu Baku (Kelengkapan, Waktu, Output) and Keterangan; in
each activity row the official symbol sits in the lane of whoever does it, and arrows join the
symbols in the order of the flow. Mermaid or a CDN cannot draw that table (and the site must make
no outside request), so this module lays it out itself.

Sizes are in SVG user units. The chart is about :data:`WIDTH` units wide and is printed across the
width of an A4 landscape page (277 mm between 10 mm margins, about 1047 CSS px), so a unit prints
at about one CSS pixel and :data:`FONT` (13 units) at about 9.8 pt. With more lanes than fit, the
chart grows wider and the font grows with it, so the printed size stays the same.

Text is wrapped here with the advance widths of Liberation Sans (metric-compatible with Arial,
which the SVG asks for first), measured from the font file, plus a safety margin for fallbacks.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kinerja.site.html import number

FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif"
WIDTH = 1040.0
FONT = 12.5
LINE = 14.5  # line height, for a FONT-sized font
PAD = 7.0
MAX_HEIGHT = 680.0  # of one page of the chart: A4 landscape less margins and a heading
PER_PAGE = 12  # activities per page at most (the official form rarely holds more)

#: Fixed columns: (key, header, width).
_COLUMNS_LEFT = (("no", "No", 30.0), ("aktivitas", "Aktivitas", 250.0))
_COLUMNS_RIGHT = (
    ("kelengkapan", "Kelengkapan", 92.0),
    ("waktu", "Waktu (menit)", 56.0),
    ("output", "Output", 116.0),
    ("keterangan", "Keterangan", 96.0),
)
_LANE_MIN = 96.0

KIND_LABELS = {"mulai": "Mulai", "proses": "Proses", "keputusan": "Keputusan", "selesai": "Selesai"}

# Advance widths (1/1000 em) of ASCII 32..126 in Liberation Sans Regular and Bold.
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 "
    "556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 "
    "722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 "
    "556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 "
    "260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 "
    "556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 "
    "722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 "
    "556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 "
    "280 389 584"
)
_WIDTHS = {
    False: {chr(32 + i): int(w) for i, w in enumerate(_REGULAR.split())},
    True: {chr(32 + i): int(w) for i, w in enumerate(_BOLD.split())},
}
_SAFETY = 1.06  # a fallback font (DejaVu) is wider than Arial; wrap a little early
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text for XML: characters XML 1.0 forbids are dropped, markup characters escaped."""
    return html.escape(_NOT_XML.sub("", str(value)), quote=True)


def text_width(text: str, size: float, *, bold: bool = False, safety: float = _SAFETY) -> float:
    """Estimated advance width of ``text`` at ``size`` units, with a safety margin."""
    table = _WIDTHS[bold]
    total = sum(table.get(ch, 1000 if ord(ch) > 0x2000 else 600) for ch in text)
    return total * size / 1000 * safety


def wrap(
    text: str, width: float, size: float = FONT, *, bold: bool = False, safety: float = _SAFETY
) -> list[str]:
    """Greedy word wrap to ``width`` units; a word longer than a line is cut where it must be."""

    def fits(candidate: str) -> bool:
        return text_width(candidate, size, bold=bold, safety=safety) <= width

    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if fits(candidate):
                line = candidate
                continue
            if line:
                lines.append(line)
            rest = word
            while not fits(rest) and len(rest) > 1:
                cut = len(rest) - 1
                while cut > 1 and not fits(rest[:cut]):
                    cut -= 1
                lines.append(rest[:cut])
                rest = rest[cut:]
            line = rest
        lines.append(line)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


# -- the data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One activity row."""

    no: int
    text: str
    lane: int
    kind: str
    next: tuple[int, ...]
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""

    def branch_label(self, target: int) -> str:
        """Ya/Tidak for the two exits of a decision: the first listed is Ya, the second Tidak."""
        if self.kind != "keputusan" or len(self.next) != 2:
            return ""
        return "Ya" if target == self.next[0] else "Tidak"


@dataclass(frozen=True)
class Chart:
    key: str  # used in element ids; unique per SOP
    title: str
    lanes: tuple[str, ...]
    steps: tuple[Step, ...]

    def step(self, no: int) -> Step | None:
        return next((s for s in self.steps if s.no == no), None)

    def edges(self) -> list[tuple[Step, Step]]:
        """Every ``lanjut_ke`` edge whose target exists, in row order."""
        out = []
        for step in self.steps:
            for target in step.next:
                other = self.step(target)
                if other is not None and other.no != step.no:
                    out.append((step, other))
        return out


def minutes(value: object) -> str:
    """Minutes as written in Indonesian, as on every other page: 480, 1.460, 7,5."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        if float(value).is_integer():
            return number(value, 0)
        return number(value, 2).rstrip("0")
    return str(value)


def chart_from_sop(sop: Mapping[str, Any]) -> Chart:
    """The chart's model from validated SOP data; tolerant of gaps, never raises on them."""
    identity = sop.get("identitas") or {}
    lanes_data = [p for p in sop.get("pelaksana") or [] if isinstance(p, Mapping)]
    lane_index = {str(p.get("id")): i for i, p in enumerate(lanes_data)}
    lanes = tuple(str(p.get("nama") or p.get("id") or "") for p in lanes_data) or ("Pelaksana",)
    steps = []
    for i, item in enumerate(sop.get("aktivitas") or [], start=1):
        if not isinstance(item, Mapping):
            continue
        no = item.get("no")
        steps.append(
            Step(
                no=no if isinstance(no, int) else i,
                text=str(item.get("aktivitas") or ""),
                lane=lane_index.get(str(item.get("pelaksana")), 0),
                kind=str(item.get("jenis") or "proses"),
                next=tuple(n for n in item.get("lanjut_ke") or () if isinstance(n, int)),
                kelengkapan=str(item.get("kelengkapan") or ""),
                waktu=minutes(item.get("waktu_menit")),
                output=str(item.get("output") or ""),
                keterangan=str(item.get("keterangan") or ""),
            )
        )
    name = (
        str(identity.get("nama") or sop.get("id") or "SOP")
        if isinstance(identity, Mapping)
        else str(sop.get("id") or "SOP")
    )
    return Chart(str(sop.get("id") or "sop"), name, lanes, tuple(steps))


# -- the layout ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    x: float
    width: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Grid:
    """Column positions and the font size, shared by every page of one chart."""

    width: float
    font: float
    line: float
    left: tuple[Column, ...]
    lanes: tuple[Column, ...]
    right: tuple[Column, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.left + self.lanes + self.right

    def col(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def grid_for(chart: Chart) -> Grid:
    fixed = sum(w for _, _, w in _COLUMNS_LEFT + _COLUMNS_RIGHT)
    lane_width = max(_LANE_MIN, (WIDTH - fixed) / len(chart.lanes))
    width = fixed + lane_width * len(chart.lanes)
    scale = width / WIDTH  # wider chart, larger font: the printed size stays the same
    x = 0.0
    left, lanes, right = [], [], []
    for key, header, w in _COLUMNS_LEFT:
        left.append(Column(key, header, x, w * scale))
        x += w * scale
    for i, name in enumerate(chart.lanes):
        lanes.append(Column(f"lane-{i}", name, x, lane_width))
        x += lane_width
    for key, header, w in _COLUMNS_RIGHT:
        right.append(Column(key, header, x, w * scale))
        x += w * scale
    # Lanes took their width before scaling; rescale every column so the total is exact.
    factor = width / x

    def fit(cols: list[Column]) -> tuple[Column, ...]:
        return tuple(Column(c.key, c.header, c.x * factor, c.width * factor) for c in cols)

    return Grid(width, FONT * scale, LINE * scale, fit(left), fit(lanes), fit(right))


def _cell_lines(grid: Grid, step: Step) -> dict[str, list[str]]:
    def lines(key: str, text: str) -> list[str]:
        return wrap(text, grid.col(key).width - 2 * PAD, grid.font) if text else []

    return {
        "no": [str(step.no)],
        "aktivitas": lines("aktivitas", step.text),
        "kelengkapan": lines("kelengkapan", step.kelengkapan),
        "waktu": [step.waktu] if step.waktu else [],
        "output": lines("output", step.output),
        "keterangan": lines("keterangan", step.keterangan),
    }


def row_height(grid: Grid, step: Step) -> float:
    most = max(len(v) for v in _cell_lines(grid, step).values())
    return max(58.0 * grid.font / FONT, most * grid.line + 2 * PAD + 4)


def _header_lines(grid: Grid) -> dict[str, list[str]]:
    """Header texts: bold, with less padding than the body so single words like Kelengkapan fit."""
    return {
        c.key: wrap(c.header, c.width - 6, grid.font, bold=True, safety=1.0) for c in grid.columns
    }


def _header_heights(grid: Grid) -> tuple[float, float]:
    """Heights of the two header rows (group titles, then lane and mutu baku titles)."""
    top = grid.line + 2 * PAD
    spans_second = [c.key for c in grid.lanes] + ["kelengkapan", "waktu", "output"]
    lines = _header_lines(grid)
    second = max(len(lines[k]) for k in spans_second) * grid.line + 2 * PAD
    whole = max(len(lines[k]) for k in ("no", "aktivitas", "keterangan")) * grid.line + 2 * PAD
    return top, max(second, whole - top)


def _title_height(grid: Grid) -> float:
    return grid.line * 1.6 + PAD


BAND = 58.0  # height of a row of off-page connectors


def paginate(
    chart: Chart, *, per_page: int = PER_PAGE, max_height: float = MAX_HEIGHT
) -> list[tuple[Step, ...]]:
    """Split the rows into pages ("halaman") by count and by the height one A4 page holds."""
    grid = grid_for(chart)
    top, second = _header_heights(grid)
    fixed = _title_height(grid) + top + second
    heights = [row_height(grid, s) for s in chart.steps]
    limit = max_height * grid.width / WIDTH
    if len(chart.steps) <= per_page and fixed + sum(heights) <= limit:
        return [chart.steps]
    pages: list[tuple[Step, ...]] = []
    current: list[Step] = []
    used = fixed + 2 * BAND * grid.font / FONT
    for step, height in zip(chart.steps, heights, strict=True):
        if current and (len(current) >= per_page or used + height > limit):
            pages.append(tuple(current))
            current, used = [], fixed + 2 * BAND * grid.font / FONT
        current.append(step)
        used += height
    if current:
        pages.append(tuple(current))
    return pages


# -- drawing -------------------------------------------------------------------------------------
# Presentation attributes only, no <style>: a style element inside inline SVG would apply to the
# whole HTML page.


@dataclass
class _Node:
    key: str
    x: float
    y: float
    hw: float  # half width
    hh: float  # half height
    row: int  # -1 top band, 0..n-1 rows, n bottom band
    lane: int
    used: set[str] = field(default_factory=set)  # ports already taken: bottom/left/right/top

    @property
    def top(self) -> float:
        return self.y - self.hh

    @property
    def bottom(self) -> float:
        return self.y + self.hh

    def side(self, name: str) -> float:
        return self.x + self.hw if name == "right" else self.x - self.hw


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}"/>'


def _text_block(
    out: list[str],
    lines: Sequence[str],
    x: float,
    y_centre: float,
    line: float,
    *,
    anchor: str = "middle",
    bold: bool = False,
    css: str = "",
) -> None:
    """Lines of text centred vertically on ``y_centre`` (baseline about 0.33 line below)."""
    first = y_centre - (len(lines) - 1) * line / 2 + line * 0.33
    weight = ' font-weight="bold"' if bold else ""
    cls = f' class="{css}"' if css else ""
    for i, text in enumerate(lines):
        out.append(
            f'<text x="{_f(x)}" y="{_f(first + i * line)}" text-anchor="{anchor}"'
            f"{weight}{cls}>{xml_text(text)}</text>"
        )


def _symbol(step: Step, node: _Node, lane_name: str) -> str:
    """The official symbol: terminator capsule, process rectangle or decision diamond."""
    x, y, hw, hh = node.x, node.y, node.hw, node.hh
    label = f"{KIND_LABELS.get(step.kind, step.kind)} {step.no}"
    if step.kind in ("mulai", "selesai"):
        shape = (
            f'<rect x="{_f(x - hw)}" y="{_f(y - hh)}" width="{_f(2 * hw)}" '
            f'height="{_f(2 * hh)}" rx="{_f(hh)}" ry="{_f(hh)}"/>'
        )
    elif step.kind == "keputusan":
        shape = (
            f'<polygon points="{_f(x)},{_f(y - hh)} {_f(x + hw)},{_f(y)} '
            f'{_f(x)},{_f(y + hh)} {_f(x - hw)},{_f(y)}"/>'
        )
    else:
        shape = (
            f'<rect x="{_f(x - hw)}" y="{_f(y - hh)}" width="{_f(2 * hw)}" height="{_f(2 * hh)}"/>'
        )
    return (
        f'<g class="kj-symbol kj-{xml_text(step.kind)}" data-no="{step.no}" '
        f'data-lane="{node.lane}" data-lane-name="{xml_text(lane_name)}">'
        f"<title>{xml_text(label)}</title>{shape}</g>"
    )


def _connector(node: _Node, letter: str, note: str, font: float) -> str:
    """The off-page connector: a pentagon pointing down with its letter; ``note`` names the page."""
    x, y, hw, hh = node.x, node.y, node.hw, node.hh
    shoulder = y + hh * 0.2
    return (
        f'<g class="kj-offpage" data-key="{xml_text(node.key)}" data-letter="{xml_text(letter)}">'
        f"<title>{xml_text(note)}</title>"
        f'<polygon points="{_f(x - hw)},{_f(y - hh)} {_f(x + hw)},{_f(y - hh)} '
        f'{_f(x + hw)},{_f(shoulder)} {_f(x)},{_f(y + hh)} {_f(x - hw)},{_f(shoulder)}"/>'
        f'<text x="{_f(x)}" y="{_f(y + font * 0.2)}" text-anchor="middle" font-weight="bold" '
        f'fill="#000" stroke="none">{xml_text(letter)}</text></g>'
    )


def _arrow(
    points: list[tuple[float, float]],
    *,
    src: str,
    dst: str,
    label: str,
    label_at: tuple[float, float, str],
) -> str:
    """An orthogonal connector with a filled arrowhead at its end, and its branch label."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-6)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    size, half = 8.0, 4.0
    bx, by = x2 - ux * size, y2 - uy * size
    head = (
        f"{_f(x2)},{_f(y2)} {_f(bx - uy * half)},{_f(by + ux * half)} "
        f"{_f(bx + uy * half)},{_f(by - ux * half)}"
    )
    path = " ".join(f"{_f(px)},{_f(py)}" for px, py in [*points[:-1], (bx, by)])
    text = ""
    if label:
        lx, ly, anchor = label_at
        text = (
            f'<text x="{_f(lx)}" y="{_f(ly)}" text-anchor="{anchor}" font-style="italic" '
            f'class="kj-branch" fill="#000" stroke="none">{xml_text(label)}</text>'
        )
    return (
        f'<g class="kj-edge" data-from="{xml_text(src)}" data-to="{xml_text(dst)}">'
        f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1.3"/>'
        f'<polygon points="{head}" class="kj-head" fill="#000"/>{text}</g>'
    )


@dataclass
class _Router:
    """Orthogonal connectors that never cross a symbol: straight, L-shaped or via a lane edge."""

    grid: Grid
    nodes: Mapping[str, _Node]
    rows: Sequence[tuple[float, float]]  # (top, bottom) of each activity row on this page
    channels: dict[tuple[int, str], int] = field(default_factory=dict)

    def _clear(self, x: float, row_a: int, row_b: int) -> bool:
        low, high = sorted((row_a, row_b))
        return not any(low < n.row < high and abs(n.x - x) < n.hw + 3 for n in self.nodes.values())

    def _channel_x(self, lane: int, side: str) -> float:
        column = self.grid.lanes[lane]
        count = self.channels.get((lane, side), 0)
        self.channels[(lane, side)] = count + 1
        offset = 6.0 + 5.0 * count
        return column.right - offset if side == "right" else column.x + offset

    def route(
        self, src: _Node, dst: _Node
    ) -> tuple[list[tuple[float, float]], tuple[float, float, str]]:
        font = self.grid.font
        if dst.row > src.row:
            if (
                src.lane == dst.lane
                and "bottom" not in src.used
                and self._clear(src.x, src.row, dst.row)
            ):
                src.used.add("bottom")
                dst.used.add("top")
                return (
                    [(src.x, src.bottom), (dst.x, dst.top)],
                    (src.x + 4, src.bottom + font * 0.75, "start"),
                )
            if src.lane != dst.lane and self._clear(dst.x, src.row, dst.row):
                side = "right" if dst.x > src.x else "left"
                sign = 1 if side == "right" else -1
                if side not in src.used:
                    src.used.add(side)
                    dst.used.add("top")
                    start = src.side(side)
                    return (
                        [(start, src.y), (dst.x, src.y), (dst.x, dst.top)],
                        (start + sign * 4, src.y - 4, "start" if sign > 0 else "end"),
                    )
                if "bottom" not in src.used and 0 <= src.row < len(self.rows):
                    src.used.add("bottom")
                    dst.used.add("top")
                    mid = (src.bottom + self.rows[src.row][1]) / 2
                    return (
                        [(src.x, src.bottom), (src.x, mid), (dst.x, mid), (dst.x, dst.top)],
                        (src.x + 4, src.bottom + font * 0.75, "start"),
                    )
        # Via a vertical channel along an edge of the target's lane, entering it from the side.
        near = "left" if dst.lane > src.lane else "right"
        far = "right" if near == "left" else "left"
        in_side = near if near not in dst.used else far
        dst.used.add(in_side)
        xc = self._channel_x(dst.lane, in_side)
        end = (dst.side(in_side), dst.y)
        out_side = "right" if xc > src.x else "left"
        sign = 1 if out_side == "right" else -1
        anchor = "start" if sign > 0 else "end"
        if out_side in src.used and "bottom" not in src.used and 0 <= src.row < len(self.rows):
            src.used.add("bottom")
            mid = (src.bottom + self.rows[src.row][1]) / 2
            points = [(src.x, src.bottom), (src.x, mid), (xc, mid), (xc, dst.y), end]
            return points, (src.x + 4, src.bottom + font * 0.75, "start")
        src.used.add(out_side)
        start = src.side(out_side)
        points = [(start, src.y), (xc, src.y), (xc, dst.y), end]
        return points, (start + sign * 4, src.y - 4, anchor)


def _letters(index: int) -> str:
    """A, B, ... Z, AA, AB: the letters of off-page connectors."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


Pair = tuple[Step, Step]


@dataclass
class _Page:
    """Where everything on one page of the chart goes."""

    grid: Grid
    steps: list[Step]
    number: int
    total: int
    page_of: dict[int, int]
    letter: dict[tuple[int, int], str]
    table_top: float
    header_mid: float
    header_bottom: float
    rows: list[tuple[float, float]] = field(default_factory=list)
    top_band: tuple[float, float] | None = None
    bottom_band: tuple[float, float] | None = None
    height: float = 0.0
    nodes: dict[str, _Node] = field(default_factory=dict)
    top_nodes: list[tuple[Pair, _Node]] = field(default_factory=list)
    bottom_nodes: list[tuple[Pair, _Node]] = field(default_factory=list)

    def lane_of(self, step: Step) -> int:
        return min(step.lane, len(self.grid.lanes) - 1)


def _band_nodes(
    page: _Page, pairs: list[Pair], where: tuple[float, float], row: int, *, by_source: bool
) -> list[tuple[Pair, _Node]]:
    """Off-page connectors in a band row, in the lane of the step they join, side by side."""
    scale = page.grid.font / FONT
    size = 12 * scale
    placed: dict[int, int] = {}
    out = []
    for a, b in pairs:
        lane_index = page.lane_of(a if by_source else b)
        count = placed.get(lane_index, 0)
        placed[lane_index] = count + 1
        offset = (count + 1) // 2 * (1 if count % 2 else -1) * (2 * size + 6)
        x = page.grid.lanes[lane_index].centre + offset
        key = f"c{a.no}-{b.no}-{'keluar' if by_source else 'masuk'}"
        out.append(((a, b), _Node(key, x, sum(where) / 2, size, size, row, lane_index)))
    return out


def _layout(chart: Chart, pages: Sequence[Sequence[Step]], number: int) -> _Page:
    grid = grid_for(chart)
    page_of = {s.no: i for i, page in enumerate(pages, start=1) for s in page}
    crossing = [(a, b) for a, b in chart.edges() if page_of[a.no] != page_of[b.no]]
    head_top, head_second = _header_heights(grid)
    title = _title_height(grid)
    page = _Page(
        grid=grid,
        steps=list(pages[number - 1]),
        number=number,
        total=len(pages),
        page_of=page_of,
        letter={(a.no, b.no): _letters(i) for i, (a, b) in enumerate(crossing)},
        table_top=title,
        header_mid=title + head_top,
        header_bottom=title + head_top + head_second,
    )
    scale = grid.font / FONT
    band = BAND * scale
    incoming = [(a, b) for a, b in crossing if page_of[b.no] == number]
    outgoing = [(a, b) for a, b in crossing if page_of[a.no] == number]
    y = page.header_bottom
    if incoming:
        page.top_band = (y, y + band)
        y += band
    for index, step in enumerate(page.steps):
        height = row_height(grid, step)
        page.rows.append((y, y + height))
        lane_index = page.lane_of(step)
        lane = grid.lanes[lane_index]
        if step.kind == "keputusan":
            hw, hh = min(lane.width / 2 - 14, 32.0 * scale), 17.0 * scale
        else:
            hw, hh = min(lane.width / 2 - 14, 37.0 * scale), 14.0 * scale
        key = f"s{step.no}"
        page.nodes[key] = _Node(key, lane.centre, y + height / 2, hw, hh, index, lane_index)
        y += height
    if outgoing:
        page.bottom_band = (y, y + band)
        y += band
    page.height = float(math.ceil(y)) + 2  # whole units: the frame's bottom rule stays inside
    if page.top_band:
        page.top_nodes = _band_nodes(page, incoming, page.top_band, -1, by_source=False)
    if page.bottom_band:
        page.bottom_nodes = _band_nodes(
            page, outgoing, page.bottom_band, len(page.steps), by_source=True
        )
    for _, node in page.top_nodes + page.bottom_nodes:
        page.nodes[node.key] = node
    return page


def _draw_table(page: _Page, chart: Chart) -> list[str]:
    """The form's table: title, two header rows, lane backgrounds, rules between rows."""
    grid = page.grid
    out: list[str] = []
    width, top, bottom = grid.width, page.table_top, page.height - 1  # the frame's bottom
    title = chart.title.upper()
    if page.total > 1:
        title += f" (halaman {page.number} dari {page.total})"
    out.append(
        f'<text x="{_f(width / 2)}" y="{_f(top - PAD - 2)}" text-anchor="middle" '
        f'font-weight="bold" class="kj-title">SOP {xml_text(title)}</text>'
    )
    out.append(
        f'<rect class="kj-header" x="0" y="{_f(top)}" width="{_f(width)}" '
        f'height="{_f(page.header_bottom - top)}" fill="#eceff1"/>'
    )
    for i, lane in enumerate(grid.lanes):
        out.append(
            f'<rect class="kj-lane" data-lane="{i}" x="{_f(lane.x)}" '
            f'y="{_f(page.header_bottom)}" width="{_f(lane.width)}" '
            f'height="{_f(bottom - page.header_bottom)}" fill="none"/>'
        )
    out.append('<g class="kj-grid" stroke="#000" stroke-width="1" shape-rendering="crispEdges">')
    out.append(
        f'<rect x="0.5" y="{_f(top)}" width="{_f(width - 1)}" '
        f'height="{_f(bottom - top - 0.5)}" fill="none"/>'
    )
    groups = (
        (grid.lanes[0].x, grid.lanes[-1].right),
        (grid.col("kelengkapan").x, grid.col("output").right),
    )
    out += [_line(x0, page.header_mid, x1, page.header_mid) for x0, x1 in groups]
    out.append(_line(0, page.header_bottom, width, page.header_bottom))
    for column in grid.columns[1:]:
        full = column.key in ("aktivitas", "lane-0", "kelengkapan", "keterangan")
        out.append(_line(column.x, top if full else page.header_mid, column.x, bottom))
    edges = [t for t, _ in page.rows[1:]]
    if page.top_band and page.rows:
        edges.append(page.rows[0][0])
    if page.bottom_band:
        edges.append(page.bottom_band[0])
    out += [_line(0, y, width, y) for y in edges]
    out.append("</g>")
    return out


def _draw_texts(page: _Page) -> list[str]:
    grid, line = page.grid, page.grid.line
    out: list[str] = []
    headers = _header_lines(grid)
    whole = (page.table_top + page.header_bottom) / 2
    second = (page.header_mid + page.header_bottom) / 2
    first = (page.table_top + page.header_mid) / 2
    for key in ("no", "aktivitas", "keterangan"):
        _text_block(out, headers[key], grid.col(key).centre, whole, line, bold=True)
    _text_block(
        out, ["Pelaksana"], (grid.lanes[0].x + grid.lanes[-1].right) / 2, first, line, bold=True
    )
    _text_block(
        out,
        ["Mutu Baku"],
        (grid.col("kelengkapan").x + grid.col("output").right) / 2,
        first,
        line,
        bold=True,
    )
    for column in (*grid.lanes, grid.col("kelengkapan"), grid.col("waktu"), grid.col("output")):
        _text_block(out, headers[column.key], column.centre, second, line, bold=True)
    for step, (top, bottom) in zip(page.steps, page.rows, strict=True):
        for key, lines in _cell_lines(grid, step).items():
            column = grid.col(key)
            if key in ("aktivitas", "keterangan"):
                _text_block(out, lines, column.x + PAD, (top + bottom) / 2, line, anchor="start")
            else:
                _text_block(out, lines, column.centre, (top + bottom) / 2, line)
    column = grid.col("aktivitas")
    for nodes, where, verb, incoming in (
        (page.top_nodes, page.top_band, "Sambungan dari", True),
        (page.bottom_nodes, page.bottom_band, "Bersambung ke", False),
    ):
        if where is None:
            continue
        notes = ", ".join(
            f"halaman {page.page_of[a.no if incoming else b.no]} ({page.letter[(a.no, b.no)]})"
            for (a, b), _ in nodes
        )
        _text_block(
            out,
            wrap(f"{verb} {notes}", column.width - 2 * PAD, grid.font),
            column.x + PAD,
            sum(where) / 2,
            line,
            anchor="start",
            css="kj-note",
        )
    return out


def _draw_flow(page: _Page, chart: Chart) -> list[str]:
    """Symbols, off-page connectors and the arrows between them."""
    out = ['<g class="kj-symbols" fill="#fff" stroke="#000" stroke-width="1.5">']
    for step in page.steps:
        out.append(_symbol(step, page.nodes[f"s{step.no}"], chart.lanes[page.lane_of(step)]))
    for (a, b), node in page.top_nodes:
        note = f"{page.letter[(a.no, b.no)]}: sambungan dari halaman {page.page_of[a.no]}"
        out.append(_connector(node, page.letter[(a.no, b.no)], note, page.grid.font))
    for (a, b), node in page.bottom_nodes:
        note = f"{page.letter[(a.no, b.no)]}: bersambung ke halaman {page.page_of[b.no]}"
        out.append(_connector(node, page.letter[(a.no, b.no)], note, page.grid.font))
    out.append("</g>")

    router = _Router(page.grid, page.nodes, page.rows)
    on_page = {s.no for s in page.steps}
    row_of = {s.no: i for i, s in enumerate(chart.steps)}
    # Forward edges first: they take the natural ports; loops back go round them.
    ordered = sorted(chart.edges(), key=lambda e: row_of[e[1].no] < row_of[e[0].no])
    out.append('<g class="kj-edges">')
    for a, b in ordered:
        letter = page.letter.get((a.no, b.no), "")
        if a.no in on_page and b.no in on_page:
            src, dst, keys = page.nodes[f"s{a.no}"], page.nodes[f"s{b.no}"], (str(a.no), str(b.no))
        elif a.no in on_page:
            src = page.nodes[f"s{a.no}"]
            dst = next(n for p, n in page.bottom_nodes if p == (a, b))
            keys = (str(a.no), f"ke-{letter}")
        elif b.no in on_page:
            src = next(n for p, n in page.top_nodes if p == (a, b))
            dst = page.nodes[f"s{b.no}"]
            keys = (f"dari-{letter}", str(b.no))
        else:
            continue
        points, label_at = router.route(src, dst)
        label = a.branch_label(b.no) if src.key.startswith("s") else ""
        out.append(_arrow(points, src=keys[0], dst=keys[1], label=label, label_at=label_at))
    out.append("</g>")
    return out


def render_page(chart: Chart, pages: Sequence[Sequence[Step]], number: int) -> str:
    """One page (1-based ``number``) of the chart as a standalone SVG document string."""
    page = _layout(chart, pages, number)
    grid = page.grid
    ident = re.sub(r"[^a-z0-9-]", "-", chart.key.lower()) + f"-{number}"
    of = f", halaman {number} dari {page.total}" if page.total > 1 else ""
    body = _draw_table(page, chart) + _draw_texts(page) + _draw_flow(page, chart)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kj-sopchart" role="img" '
        f'viewBox="0 0 {_f(grid.width)} {_f(page.height)}" width="{_f(grid.width)}" '
        f'height="{_f(page.height)}" aria-labelledby="kj-sop-{ident}-t kj-sop-{ident}-d" '
        f'font-family="{FONT_FAMILY}" font-size="{_f(grid.font)}" fill="#000" '
        f'data-page="{number}" data-pages="{page.total}">'
        f'<title id="kj-sop-{ident}-t">Bagan alir SOP {xml_text(chart.title)}{of}</title>'
        f'<desc id="kj-sop-{ident}-d">{xml_text(describe(chart, page.steps))}</desc>'
        + "".join(body)
        + "</svg>"
    )


def describe(chart: Chart, steps: Iterable[Step]) -> str:
    """A plain-text account of the flow, for screen readers (the SVG's ``<desc>``)."""
    parts = []
    for step in steps:
        lane = chart.lanes[min(step.lane, len(chart.lanes) - 1)]
        kind = KIND_LABELS.get(step.kind, step.kind).lower()
        targets = ", ".join(
            f"{n} ({step.branch_label(n)})" if step.branch_label(n) else str(n) for n in step.next
        )
        after = f"; lanjut ke {targets}" if targets else ""
        parts.append(f"{step.no}. {lane} ({kind}): {step.text}{after}.")
    return " ".join(parts)


def flowchart_svgs(
    sop: Mapping[str, Any], *, per_page: int = PER_PAGE, max_height: float = MAX_HEIGHT
) -> list[str]:
    """The flowchart sheet of one SOP: one SVG per page, joined by off-page connectors."""
    chart = chart_from_sop(sop)
    if not chart.steps:
        return []
    pages = paginate(chart, per_page=per_page, max_height=max_height)
    return [render_page(chart, pages, i) for i in range(1, len(pages) + 1)]

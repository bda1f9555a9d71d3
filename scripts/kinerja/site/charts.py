"""Static SVG charts, drawn at build time, each published beside a table of the same numbers.

Why static SVG: the site makes no request outside itself and runs no chart library in the
browser. A chart is a separate ``.svg`` file shown through ``<img>`` (an image cannot run script,
so text from a submission that ends up in a label is inert), inside a ``<figure>`` with a
caption, and always followed by an HTML table holding the same data: screen readers, people who
print in black and white and people who want exact figures read the table.

Choices, and why:

* ``svg.fonttype = "path"``: text is drawn as glyph outlines. The chart then looks the same on
  every office PC and printer, whichever fonts are installed, and needs no web font (no request
  outside the site). The cost, a larger file and text that cannot be selected, is small: glyphs
  are defined once and reused, and the table beside the chart carries every figure as text.
* Deterministic output: a fixed ``svg.hashsalt`` (element ids) and no date in the metadata, so the
  same data gives byte-identical SVG (builds can be compared and cached).
* Print: each series differs by hatching, marker and line style as well as by colour (a
  colour-blind-safe palette), so a grey printout still tells them apart.
* One number formatter for the whole site (:func:`kinerja.site.html.number`): the labels on
  bars, the axes, the alt text and the data table print a figure exactly as the page's tables
  do (``100,59``, not ``101`` on the bar and ``100,59`` below it). Math text parsing is off so
  a ``$`` in a name is just a character.
* Names are never cut: legend labels are wrapped over lines (whole words), the legend sits
  below the plot from its left edge within what a phone shows before scrolling, and the
  figure's height is computed from the wrapped lines, so nothing overlaps.
* Bounded: one chart per page, and a chart never draws more than a readable number of bars or
  lines; beyond that it draws a summary (averages, or the recap's cumulative figures) and says
  so in its caption.

Nothing here reads files or runs Git: every chart is a function of the snapshot.
"""

from __future__ import annotations

import functools
import io
import math
import re
import textwrap
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple, cast

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kinerja.model.periods import ROMAN, SHORT_MONTHS, parse_period
from kinerja.site import artefacts
from kinerja.site.html import esc, href, number, table
from kinerja.snapshot import Snapshot

__all__ = [
    "CHART_DIR",
    "Chart",
    "chart_src",
    "distinct",
    "figure",
    "indicator_chart",
    "indicator_chart_mode",
    "is_missing",
    "page_href",
    "period_chart",
    "records",
    "rows_of",
    "short_period",
    "target_text",
    "unit_chart",
    "unit_chart_mode",
]

#: Folder of the published SVG files (``grafik/<kind>-<id>.svg``).
CHART_DIR = "grafik"
#: At most this many periods along a time axis (the latest ones).
MAX_PERIODS = 12
#: At most this many series (indicators or units) drawn one by one; more are summarised.
MAX_SERIES = 9
#: At most this many bars in one chart.
MAX_BARS = 60

_RC: dict[str, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "kinerja",
    "svg.id": None,
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    # Titles start at the plot's left edge: on a phone the right part of a chart is off
    # screen until scrolled, and a centred title would be cut there.
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
    "hatch.color": "#222222",
}
# Okabe-Ito colours (colour-blind safe), each paired with a hatch, a marker and a line style so
# that series stay apart on a grey printout.
# (Black is left out: the target markers and the 100 % line are black.)
_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
    "#882255",
)
# Line hatches only: dot, circle and star hatches cost tens of kilobytes each in SVG.
_HATCHES = ("", "//", "\\\\", "xx", "--", "||", "++", "/", "\\")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h")
_LINES = ("-", "--", "-.", ":", "-", "--", "-.", ":", "-")
#: A white outline that keeps black marks visible on any bar.
_HALO = withStroke(linewidth=4.5, foreground="#ffffff")
_WIDTH_IN = 7.5
_PX_PER_IN = 96


class Chart(NamedTuple):
    """One chart: the SVG file's bytes, its alt text, and the HTML table of the same data.

    A tuple so that ``svg, alt, table_html = period_chart(...)`` reads as the call it is.
    """

    svg: bytes
    alt: str
    table: str


# -- numbers and labels ----------------------------------------------------------------------


def is_missing(value: object) -> bool:
    """``None``, NaN or pandas' ``NA``/``NaT``: a recap cell without a value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a recap table as dicts keyed by column name.

    Column by column (``tolist`` is one fast pass per column); ``to_dict("records")`` boxes
    every cell of the string columns one by one and is several times slower on a large recap.
    """
    names = [str(c) for c in frame.columns]
    columns = [frame[c].tolist() for c in frame.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def distinct(series: pd.Series[Any]) -> list[str]:
    """The distinct values of a column as text, in order of first appearance (one vectorised
    pass; iterating a pandas string column value by value is slow)."""
    return [str(v) for v in series.drop_duplicates().tolist()]


_GROUPS: dict[tuple[int, str], tuple[weakref.ref[pd.DataFrame], dict[str, pd.DataFrame]]] = {}


def rows_of(frame: pd.DataFrame, column: str, key: str) -> pd.DataFrame:
    """The rows of a recap table whose ``column`` is ``key``.

    Pages ask for every unit, indicator and period in turn; filtering the whole table each
    time would make the site quadratic in its size. The table is split once per column (and
    forgotten with the table: the cache holds only a weak reference to it)."""
    cached = _GROUPS.get((id(frame), column))
    if cached is None or cached[0]() is not frame:
        if len(_GROUPS) >= 64:
            _GROUPS.clear()
        groups = {str(k): g for k, g in frame.groupby(column, sort=False, dropna=True)}
        cached = (weakref.ref(frame), groups)
        _GROUPS[(id(frame), column)] = cached
    return cached[1].get(key, frame.iloc[0:0])


@functools.lru_cache(maxsize=8192)
def page_href(here: str, target: str) -> str:
    """:func:`kinerja.site.html.href`, remembered: a page links to the same few pages from
    hundreds of rows."""
    return href(here, target)


def target_text(record: dict[str, Any], decimals: int) -> str:
    """A target as people write it: ``12``, ``85,5`` or a range ``95–100`` (trailing zeros
    dropped: a target is written, not measured); ``–`` when there is none."""
    target = _num(record.get("target"))
    if target is not None:
        return number(target, decimals, trim=True)
    low, high = _num(record.get("target_min")), _num(record.get("target_max"))
    if low is None or high is None:
        return "–"
    return f"{number(low, decimals, trim=True)}–{number(high, decimals, trim=True)}"


def short_period(period_id: str) -> str:
    """An axis label: ``Tw IV 2026`` or ``Okt 2026``."""
    period = parse_period(period_id)
    if period is None:
        return period_id
    if period.quarterly:
        return f"Tw {ROMAN[period.quarter - 1]}\n{period.year}"
    return f"{SHORT_MONTHS[period.last_month - 1]}\n{period.year}"


def _long_period(period_id: str) -> str:
    period = parse_period(period_id)
    return period.label if period else period_id


def _wrap_name(text: str, width: int) -> str:
    """A name over as many lines of at most ``width`` characters as it needs, never cut: the
    words are kept whole (a word longer than the line stands on its own line) and the lines
    joined with spaces give the name back."""
    lines = textwrap.wrap(
        " ".join(str(text).split()),
        width=max(8, width),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(lines) or str(text)


def _axis_formatter(suffix: str = "") -> FuncFormatter:
    def fmt(value: float, _pos: int | None) -> str:
        decimals = 0 if float(value).is_integer() else 2
        return number(value, decimals, trim=True) + suffix

    return FuncFormatter(fmt)


def _unit_short(snapshot: Snapshot, unit_id: str) -> str:
    config = snapshot.tracker.config
    unit = config.organisation.units.get(unit_id) if config else None
    return unit.singkatan if unit else unit_id


def _indicator_name(snapshot: Snapshot, indicator_id: str) -> str:
    config = snapshot.tracker.config
    indicator = config.indicators.get(indicator_id) if config else None
    return indicator.nama if indicator else indicator_id


# -- drawing ---------------------------------------------------------------------------------


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(cast(Any, _RC)):
        yield


def _new_figure(
    plot_in: float,
    *,
    legend: Sequence[str] = (),
    columns: int = 2,
    left_in: float = 0.75,
    axis_in: float = 0.45,
    right_in: float = 0.15,
) -> tuple[Figure, Any]:
    """A figure whose margins are computed, not measured: a fixed layout draws once, where
    ``bbox_inches="tight"`` or constrained layout would lay the text out twice (twice as slow).

    ``plot_in``: height of the plotting area; ``legend``: the labels of the legend drawn below
    (already wrapped, in the order :func:`_legend_below` draws them), in ``columns`` columns;
    its height comes from their lines, so a name wrapped over three lines gets three lines of
    room; ``left_in``: room for the y tick labels; ``axis_in``: room for the x tick labels
    under the plot.
    """
    top_in = 0.4
    bottom_in = axis_in + 0.1 + (_legend_in(legend, columns) if legend else 0.0)
    height = plot_in + top_in + bottom_in
    fig = Figure(figsize=(_WIDTH_IN, height), dpi=_PX_PER_IN)
    fig.subplots_adjust(
        left=left_in / _WIDTH_IN,
        right=1 - right_in / _WIDTH_IN,
        top=1 - top_in / height,
        bottom=bottom_in / height,
    )
    ax = fig.add_subplot()
    ax.grid(axis="y", color="#cccccc", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


# The legend's layout, in multiples of its font size (matplotlib's own parameters, set
# explicitly in _legend_below so that the room computed here is the room it takes).
_LEGEND_PT = 9.0
_LINE = 1.2  # text.linespacing
_LABEL_GAP = 0.5  # labelspacing: between two entries of a column
_BORDER = 0.4 + 0.3  # borderpad + borderaxespad, above and below
_HANDLE = 2.6 + 0.8  # handlelength + handletextpad
_COLUMN_GAP = 2.0  # columnspacing
_CHAR = 0.62  # a generous mean width of a DejaVu Sans character
#: Legend entries that mark a reference, not a series: drawn after the series.
_REFERENCES = ("100 % (sesuai target)", "Target", "Target (rentang min–maks)")


#: The legend starts at the figure's left edge and stays within this width: on a phone the
#: chart is shown 36rem wide and scrolls sideways, and the legend must be read without
#: scrolling (a 360 px screen shows about 4.3 inches of the 7.5-inch figure, 390 px 4.6).
_LEGEND_LEFT_IN = 0.1
_LEGEND_SPAN_IN = 4.0


def _legend_width(columns: int) -> int:
    """Characters per line of a legend label, so that ``columns`` columns fit the legend."""
    usable = _LEGEND_SPAN_IN * 72 - (columns - 1) * _COLUMN_GAP * _LEGEND_PT
    return int((usable / columns - _HANDLE * _LEGEND_PT) / (_CHAR * _LEGEND_PT))


def _legend_plan(labels: Sequence[str], most: int = 3) -> tuple[list[str], int]:
    """The legend's labels wrapped, and its number of columns: as many (up to ``most``) as
    keep every label on one line; one column of wrapped labels when a name is long."""
    columns = next(
        (c for c in range(most, 1, -1) if all(len(t) <= _legend_width(c) for t in labels)), 1
    )
    return [_wrap_name(t, _legend_width(columns)) for t in labels], columns


def _legend_in(labels: Sequence[str], columns: int) -> float:
    """Height in inches of a legend of ``labels`` in ``columns`` columns.

    matplotlib fills the columns one after the other (``numpy.array_split``: the first
    ``len % columns`` columns take one entry more); the tallest column sets the height."""
    lines = [label.count("\n") + 1 for label in labels]
    size, extra = divmod(len(lines), columns)
    tallest, start = 0.0, 0
    for column in range(columns):
        chunk = lines[start : start + size + (column < extra)]
        start += len(chunk)
        if chunk:
            tallest = max(tallest, sum(chunk) * _LINE + (len(chunk) - 1) * _LABEL_GAP)
    return (tallest + 2 * _BORDER) * _LEGEND_PT / 72


def _svg_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _hundred_line(ax: Any) -> None:
    # Under the data (zorder 1.5): a series that sits at exactly 100 % stays visible on it.
    ax.axhline(
        100,
        color="#000000",
        linewidth=1.1,
        linestyle=(0, (5, 3)),
        zorder=1.5,
        label="100 % (sesuai target)",
    )


def _legend_below(fig: Figure, ax: Any, columns: int = 2) -> None:
    """The legend under the plot, across the figure: the series first, in drawing order, then
    the reference marks (the order :func:`_legend_in` was given)."""
    pairs = list(zip(*ax.get_legend_handles_labels(), strict=True))
    pairs.sort(key=lambda pair: pair[1] in _REFERENCES)  # stable: drawing order kept
    if pairs:
        fig.legend(
            [h for h, _ in pairs],
            [label for _, label in pairs],
            loc="lower left",
            bbox_to_anchor=(_LEGEND_LEFT_IN / _WIDTH_IN, 0.0),
            ncol=columns,
            frameon=False,
            fontsize=_LEGEND_PT,
            handlelength=2.6,
            handletextpad=0.8,
            labelspacing=_LABEL_GAP,
            columnspacing=_COLUMN_GAP,
            borderpad=0.4,
            borderaxespad=0.3,
        )


def _draw(build: Callable[[], Figure]) -> bytes:
    """The SVG of the figure ``build`` makes; from the artefact cache when the same builder was
    drawn with the same data before (its closure's values are the key, see artefacts.py)."""

    def draw() -> bytes:
        with _style():
            return _svg_bytes(build())

    return artefacts.remember_closure("svg", build, draw)


def _styles(keys: Sequence[str], order: Sequence[str]) -> dict[str, int]:
    """A style index (colour, hatch, marker) per series: the series' place in the catalogue or
    the organisation, so an indicator looks the same on every chart; the drawing order when
    that would give two series of one chart the same look."""
    place = {k: i for i, k in enumerate(order)}
    if not any(k in place for k in keys):  # a summary series ("rata-rata", "instansi")
        return {k: n % len(_COLOURS) for n, k in enumerate(keys)}
    wanted = {k: place.get(k, len(order) + n) % len(_COLOURS) for n, k in enumerate(keys)}
    if len(set(wanted.values())) == len(keys):
        return wanted
    return {k: n % len(_COLOURS) for n, k in enumerate(keys)}


def _wrap(text: str, width: int = 10) -> str:
    """A tick label on at most two lines."""
    if len(text) <= width or " " not in text:
        return text
    cut = text.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else text.find(" ")
    return text[:cut] + "\n" + text[cut + 1 :]


def _catalogue(snapshot: Snapshot) -> list[str]:
    config = snapshot.tracker.config
    return list(config.indicators) if config else []


def _organisation(snapshot: Snapshot) -> list[str]:
    config = snapshot.tracker.config
    return list(config.organisation.units) if config else []


# -- data helpers ----------------------------------------------------------------------------


def _period_order(snapshot: Snapshot, periods: Sequence[str]) -> list[str]:
    """Periods in time order (the snapshot's order, then anything else sorted)."""
    known = [p for p in snapshot.states if p in set(periods)]
    rest = sorted(set(periods) - set(known), key=lambda p: (parse_period(p) is None, p))
    return known + rest


def _num(value: object) -> float | None:
    if is_missing(value):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# -- (a) per period: capaian per unit and indicator -------------------------------------------


def period_chart(snapshot: Snapshot, period_id: str) -> Chart | None:
    """Capaian of every unit and indicator in one period, as grouped bars with a line at 100 %.

    ``None`` when the period has no capaian yet (nothing to draw). With more than
    :data:`MAX_BARS` bars or :data:`MAX_SERIES` indicators, draws each unit's average capaian
    instead (the recap's ``per_unit.rata_capaian``).
    """
    part = rows_of(snapshot.recap.indikator, "periode", period_id)
    part = part[part["capaian"].notna()]
    if part.empty:
        return None
    units = distinct(part["unit"])
    indicators = distinct(part["indikator"])
    label = _long_period(period_id)
    if len(part) <= MAX_BARS and len(indicators) <= MAX_SERIES:
        return _period_grouped(snapshot, part, units, indicators, label)
    return _period_average(snapshot, period_id, label)


def _period_grouped(
    snapshot: Snapshot, part: pd.DataFrame, units: list[str], indicators: list[str], label: str
) -> Chart:
    rows = records(part)
    by_key = {(str(r["unit"]), str(r["indikator"])): float(r["capaian"]) for r in rows}
    style = _styles(indicators, _catalogue(snapshot))

    # Positions first, then one bar call per indicator: far fewer artists to draw than one
    # call per bar.
    x = 0.0
    centres: list[float] = []
    placed: dict[str, tuple[list[float], list[float]]] = {i: ([], []) for i in indicators}
    for unit in units:
        present = [i for i in indicators if (unit, i) in by_key]
        pad = 0.5 * max(0, 2 - len(present))  # room for the unit's name under a lone bar
        x += pad
        start = x
        for ind in present:
            placed[ind][0].append(x)
            placed[ind][1].append(by_key[(unit, ind)])
            x += 1.0
        centres.append((start + x - 1.0) / 2)
        x += pad + 0.8  # gap between units
    end = x

    ticks = [_wrap(_unit_short(snapshot, u)) for u in units]
    two_lines = any("\n" in t for t in ticks)
    legend, columns = _legend_plan(
        [*(_indicator_name(snapshot, ind) for ind in indicators), _REFERENCES[0]]
    )
    names = dict(zip(indicators, legend, strict=False))
    # Each bar carries its capaian as the table prints it (the same function, the same two
    # decimals); upright when it fits the bar's width, else turned a quarter.
    labelled = len(rows) <= 30
    plot_in = 2.9
    longest = max((len(number(v)) for v in by_key.values()), default=0)
    pitch_pt = (_WIDTH_IN - 0.9) * 72 / max(1.0, end + 0.6)
    upright = longest * _CHAR * 8 + 2 <= pitch_pt
    label_pt = (8 * _LINE if upright else longest * _CHAR * 8) + 3
    room = 1 - min(0.4, label_pt / (plot_in * 72)) if labelled else 1 / 1.12

    def build() -> Figure:
        fig, ax = _new_figure(
            plot_in, legend=legend, columns=columns, axis_in=0.5 if two_lines else 0.3
        )
        for ind in indicators:
            xs, heights = placed[ind]
            k = style[ind]
            bars = ax.bar(
                xs,
                heights,
                width=0.8,
                color=_COLOURS[k],
                hatch=_HATCHES[k],
                edgecolor="#222222",
                linewidth=0.5,
                label=names[ind],
            )
            if labelled:
                ax.bar_label(
                    bars,
                    labels=[number(h) for h in heights],
                    fontsize=8,
                    padding=1.5,
                    rotation=0 if upright else 90,
                )
        _hundred_line(ax)
        ax.set_xticks(centres, ticks)
        ax.set_xlim(-0.8, end - 0.2)
        top = max(by_key.values())
        ax.set_ylim(0, max(120.0, top / room))
        ax.yaxis.set_major_formatter(_axis_formatter(" %"))
        ax.set_ylabel("Capaian")
        ax.set_title(f"Capaian indikator per unit, {label}")
        _legend_below(fig, ax, columns)
        return fig

    low = min(rows, key=lambda r: float(r["capaian"]))
    high = max(rows, key=lambda r: float(r["capaian"]))
    alt = (
        f"Diagram batang capaian {len(rows)} indikator unit, {label}, dikelompokkan per unit; "
        f"garis putus-putus menandai 100 %. Terendah {number(float(low['capaian']))} % "
        f"({_unit_short(snapshot, str(low['unit']))}, "
        f"{_indicator_name(snapshot, str(low['indikator']))}), tertinggi "
        f"{number(float(high['capaian']))} % ({_unit_short(snapshot, str(high['unit']))}, "
        f"{_indicator_name(snapshot, str(high['indikator']))}). Angkanya ada pada tabel "
        "di bawah grafik."
    )
    body = [
        [
            esc(_unit_short(snapshot, str(r["unit"]))),
            esc(_indicator_name(snapshot, str(r["indikator"]))),
            number(float(r["capaian"])),
            esc(r["predikat"]) if not is_missing(r["predikat"]) else "–",
        ]
        for r in rows
    ]
    html = table(
        ["Unit", "Indikator", "Capaian (%)", "Predikat"],
        body,
        numeric=(2,),
        caption=f"Data grafik: capaian per unit dan indikator, {label}",
        css="kj-chart-data",
    )
    return Chart(_draw(build), alt, html)


def _period_average(snapshot: Snapshot, period_id: str, label: str) -> Chart | None:
    part = rows_of(snapshot.recap.per_unit, "periode", period_id)
    part = part[part["rata_capaian"].notna()]
    if part.empty:
        return None
    part = part.sort_values(["rata_capaian", "unit"], kind="mergesort")
    total = len(part)
    shown = part.head(MAX_BARS)
    rows = records(shown)
    names = [_unit_short(snapshot, str(r["unit"])) for r in rows]
    values = [float(r["rata_capaian"]) for r in rows]

    def build() -> Figure:
        longest = max(len(n) for n in names)
        fig, ax = _new_figure(
            max(1.6, 0.17 * len(values)),
            left_in=0.25 + 0.062 * longest,
            axis_in=0.5,
            legend=[_REFERENCES[0]],
            columns=1,
            right_in=0.4,
        )
        ax.grid(False)
        ax.grid(axis="x", color="#cccccc", linewidth=0.6)
        positions = list(range(len(values)))
        ax.barh(
            positions,
            values,
            color=_COLOURS[0],
            edgecolor="#222222",
            linewidth=0.5,
            hatch=_HATCHES[1],
            height=0.7,
        )
        ax.axvline(
            100,
            color="#000000",
            linewidth=1.1,
            linestyle=(0, (5, 3)),
            zorder=1.5,
            label="100 % (sesuai target)",
        )
        _legend_below(fig, ax, 1)
        ax.set_yticks(positions, names, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlim(0, max(120.0, max(values) * 1.1))
        ax.xaxis.set_major_formatter(_axis_formatter(" %"))
        ax.set_xlabel("Rata-rata capaian")
        ax.set_title(f"Rata-rata capaian per unit, {label}")
        return fig

    more = f"; {MAX_BARS} unit dengan rata-rata terendah dari {total}" if total > MAX_BARS else ""
    alt = (
        f"Diagram batang mendatar rata-rata capaian indikator per unit, {label}{more}; garis "
        f"putus-putus menandai 100 %. Terendah {number(values[0])} % ({names[0]}), "
        f"tertinggi {number(max(values))} %. Angkanya ada pada tabel di bawah grafik."
    )
    body = [
        [esc(n), number(v), esc(r["predikat"]) if not is_missing(r["predikat"]) else "–"]
        for n, v, r in zip(names, values, rows, strict=True)
    ]
    html = table(
        ["Unit", "Rata-rata capaian (%)", "Predikat"],
        body,
        numeric=(1,),
        caption=f"Data grafik: rata-rata capaian per unit, {label}{more}",
        css="kj-chart-data",
    )
    return Chart(_draw(build), alt, html)


# -- (b) per unit: capaian per indicator across periods ----------------------------------------


def _unit_rows(snapshot: Snapshot, unit_id: str) -> tuple[pd.DataFrame, list[str]]:
    part = rows_of(snapshot.recap.indikator, "unit", unit_id)
    part = part[part["capaian"].notna()]
    periods = _period_order(snapshot, distinct(part["periode"]))
    periods = periods[-MAX_PERIODS:]
    return part[part["periode"].isin(periods)], periods


def unit_chart_mode(snapshot: Snapshot, unit_id: str) -> str | None:
    """What :func:`unit_chart` draws: ``"indikator"`` (one line per indicator),
    ``"rata-rata"`` (the unit's average capaian, when it has more than :data:`MAX_SERIES`
    indicators) or ``None`` (no capaian yet)."""
    part, _periods = _unit_rows(snapshot, unit_id)
    if part.empty:
        return None
    return "indikator" if part["indikator"].nunique() <= MAX_SERIES else "rata-rata"


def unit_chart(snapshot: Snapshot, unit_id: str) -> Chart | None:
    """The trend of capaian of each of the unit's indicators over the latest periods.

    ``None`` when the unit has no capaian in any period. More than :data:`MAX_SERIES` indicators
    are summarised as the unit's average capaian per period (see :func:`unit_chart_mode`).
    """
    mode = unit_chart_mode(snapshot, unit_id)
    if mode is None:
        return None
    part, periods = _unit_rows(snapshot, unit_id)
    name = _unit_short(snapshot, unit_id)
    if mode == "indikator":
        indicators = distinct(part["indikator"])
        series = {
            ind: {
                str(r["periode"]): float(r["capaian"])
                for r in records(part[part["indikator"] == ind])
            }
            for ind in indicators
        }
        labels = {ind: _indicator_name(snapshot, ind) for ind in indicators}
    else:
        summary = snapshot.recap.per_unit
        rows = rows_of(summary, "unit", unit_id)
        rows = rows[rows["periode"].isin(periods) & rows["rata_capaian"].notna()]
        series = {"rata-rata": {str(r["periode"]): float(r["rata_capaian"]) for r in records(rows)}}
        labels = {"rata-rata": "Rata-rata capaian semua indikator"}
    return _trend_chart(
        series,
        labels,
        periods,
        f"Capaian indikator {name} per periode",
        f"capaian indikator {name}",
        _catalogue(snapshot),
    )


def _trend_chart(
    series: dict[str, dict[str, float]],
    labels: dict[str, str],
    periods: list[str],
    title: str,
    subject: str,
    order: Sequence[str],
) -> Chart:
    positions = {p: i for i, p in enumerate(periods)}
    style = _styles(list(series), order)
    legend, columns = _legend_plan([*(labels[key] for key in series), _REFERENCES[0]])
    wrapped = dict(zip(series, legend, strict=False))

    def build() -> Figure:
        fig, ax = _new_figure(2.8, legend=legend, columns=columns)
        for key, values in series.items():
            k = style[key]
            xs = [positions[p] for p in periods if p in values]
            ys = [values[p] for p in periods if p in values]
            ax.plot(
                xs,
                ys,
                color=_COLOURS[k],
                marker=_MARKERS[k],
                linestyle=_LINES[k],
                linewidth=1.4,
                markersize=5,
                markeredgecolor="#222222",
                markeredgewidth=0.5,
                label=wrapped[key],
            )
        _hundred_line(ax)
        ax.set_xticks(range(len(periods)), [short_period(p) for p in periods], fontsize=9)
        ax.set_xlim(-0.5, len(periods) - 0.5)
        top = max((v for values in series.values() for v in values.values()), default=100.0)
        ax.set_ylim(0, max(120.0, top * 1.1))
        ax.yaxis.set_major_formatter(_axis_formatter(" %"))
        ax.set_ylabel("Capaian")
        ax.set_title(title)
        _legend_below(fig, ax, columns)
        return fig

    first, last = _long_period(periods[0]), _long_period(periods[-1])
    span = first if first == last else f"{first} sampai {last}"
    alt = (
        f"Grafik garis {subject}, {span}, {len(series)} garis; garis putus-putus hitam menandai "
        "100 %. Angkanya ada pada tabel di bawah grafik."
    )
    if len(series) == 1:  # one series: a period per row keeps the table narrow
        ((key, values),) = series.items()
        headers = ["Periode", f"{labels[key]} (%)"]
        body = [[esc(_long_period(p)), number(values.get(p))] for p in periods]
    else:
        headers = ["Indikator", *[short_period(p).replace("\n", " ") for p in periods]]
        body = [[esc(labels[k]), *[number(series[k].get(p)) for p in periods]] for k in series]
    html = table(
        headers,
        body,
        numeric=range(1, len(headers)),
        caption=f"Data grafik: {subject} (%), {span}",
        css="kj-chart-data",
    )
    return Chart(_draw(build), alt, html)


# -- (c) per indicator: target against realisasi per period ------------------------------------


def indicator_chart_mode(snapshot: Snapshot, indicator_id: str) -> str | None:
    """What :func:`indicator_chart` draws: ``"unit"`` (realisasi per period and unit),
    ``"instansi"`` (the instansi's cumulative figures, when there are too many units or bars) or
    ``None`` (nothing to draw). Pages use it to know which of their tables holds the chart's
    numbers."""
    part = rows_of(snapshot.recap.indikator, "indikator", indicator_id)
    part = part[part["realisasi"].notna()]
    if part.empty:
        return None
    periods = _period_order(snapshot, distinct(part["periode"]))
    part = part[part["periode"].isin(periods[-MAX_PERIODS:])]
    if part["unit"].nunique() <= MAX_SERIES and len(part) <= MAX_BARS:
        return "unit"
    ytd = snapshot.recap.ytd_instansi
    rows = rows_of(ytd, "indikator", indicator_id)
    return "instansi" if rows["realisasi"].notna().any() else None


def indicator_chart(snapshot: Snapshot, indicator_id: str) -> Chart | None:
    """Realisasi per period as bars (one per unit when several units report it) with the target
    of each bar as a marker; a range target is a vertical bar from minimum to maximum.

    With more units than :data:`MAX_SERIES`, or more bars than :data:`MAX_BARS`, draws the
    instansi's cumulative realisasi and target (the recap's ``ytd_instansi``) instead (see
    :func:`indicator_chart_mode`).
    """
    mode = indicator_chart_mode(snapshot, indicator_id)
    if mode is None:
        return None
    config = snapshot.tracker.config
    indicator = config.indicators.get(indicator_id) if config else None
    decimals = indicator.presisi if indicator else 2
    satuan = indicator.satuan if indicator else ""
    name = _indicator_name(snapshot, indicator_id)
    if mode == "unit":
        part = rows_of(snapshot.recap.indikator, "indikator", indicator_id)
        part = part[part["realisasi"].notna()]
        periods = _period_order(snapshot, distinct(part["periode"]))
        periods = periods[-MAX_PERIODS:]
        part = part[part["periode"].isin(periods)]
        units = distinct(part["unit"])
        return _target_bars(snapshot, part, periods, units, name, satuan, decimals)
    ytd = snapshot.recap.ytd_instansi
    rows = rows_of(ytd, "indikator", indicator_id)
    rows = rows[rows["realisasi"].notna()]
    periods = _period_order(snapshot, distinct(rows["sd_periode"]))
    periods = periods[-MAX_PERIODS:]
    rows = rows[rows["sd_periode"].isin(periods)]
    cumulative = rows.rename(columns={"sd_periode": "periode"}).assign(unit="instansi")
    return _target_bars(
        snapshot, cumulative, periods, ["instansi"], name, satuan, decimals, cumulative=True
    )


def _integer_axis(satuan: str, decimals: int) -> bool:
    return decimals == 0 or satuan in ("dokumen", "laporan", "kegiatan")


def _target_bars(
    snapshot: Snapshot,
    part: pd.DataFrame,
    periods: list[str],
    units: list[str],
    name: str,
    satuan: str,
    decimals: int,
    *,
    cumulative: bool = False,
) -> Chart:
    rows = {(str(r["periode"]), str(r["unit"])): r for r in records(part)}
    periods = [p for p in periods if any((p, u) in rows for u in units)]
    n = len(units)
    width = 0.8 / n
    unit_label = {
        u: ("Seluruh instansi (kumulatif)" if u == "instansi" else _unit_short(snapshot, u))
        for u in units
    }
    style = _styles(units, _organisation(snapshot))
    marks = {"target": False, "range": False}
    for row in rows.values():
        if _num(row.get("target")) is not None:
            marks["target"] = True
        elif _num(row.get("target_min")) is not None and _num(row.get("target_max")) is not None:
            marks["range"] = True
    legend, columns = _legend_plan(
        [
            *unit_label.values(),
            *([_REFERENCES[1]] if marks["target"] else []),
            *([_REFERENCES[2]] if marks["range"] else []),
        ],
        most=5,
    )
    wrapped = dict(zip(units, legend, strict=False))

    def build() -> Figure:
        fig, ax = _new_figure(2.8, legend=legend, columns=columns)
        top = 0.0
        targets: tuple[list[float], list[float], list[float]] = ([], [], [])
        ranges: tuple[list[float], list[float], list[float]] = ([], [], [])
        half = width * 0.46
        for k, unit in enumerate(units):
            look = style[unit]
            xs: list[float] = []
            heights: list[float] = []
            for i, period in enumerate(periods):
                rec = rows.get((period, unit))
                if rec is None:
                    continue
                x = i - 0.4 + width * (k + 0.5)
                value = _num(rec["realisasi"]) or 0.0
                xs.append(x)
                heights.append(value)
                target, low, high = (
                    _num(rec.get("target")),
                    _num(rec.get("target_min")),
                    _num(rec.get("target_max")),
                )
                top = max(top, value, target or 0.0, high or 0.0)
                if target is not None:
                    targets[0].append(target)
                    targets[1].append(x - half)
                    targets[2].append(x + half)
                elif low is not None and high is not None:
                    ranges[0].append(x)
                    ranges[1].append(low)
                    ranges[2].append(high)
            if xs:  # one call per unit: far fewer artists than one per bar
                ax.bar(
                    xs,
                    heights,
                    width=width * 0.92,
                    color=_COLOURS[look],
                    hatch=_HATCHES[look],
                    edgecolor="#222222",
                    linewidth=0.5,
                    label=wrapped[unit],
                )
        # The target is a short black line across its own bar only (in data units, so it never
        # reaches the neighbouring bar); a range is a bracket from minimum to maximum.
        if targets[0]:
            ax.hlines(
                *targets,
                colors="#000000",
                linewidth=2.4,
                zorder=4,
                path_effects=[_HALO],
                label=_REFERENCES[1],
            )
        if ranges[0]:
            ax.vlines(
                *ranges,
                colors="#000000",
                linewidth=1.6,
                zorder=4,
                path_effects=[_HALO],
                label=_REFERENCES[2],
            )
            caps = [x for x in ranges[0] for _ in (0, 1)]
            ax.hlines(
                [v for pair in zip(ranges[1], ranges[2], strict=True) for v in pair],
                [x - half * 0.6 for x in caps],
                [x + half * 0.6 for x in caps],
                colors="#000000",
                linewidth=1.6,
                zorder=4,
                path_effects=[_HALO],
            )
        ax.set_xticks(range(len(periods)), [short_period(p) for p in periods], fontsize=9)
        ax.set_xlim(-0.6, len(periods) - 0.4)
        ax.set_ylim(0, top * 1.08 if top > 0 else 1.0)  # room for a target above every bar
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=_integer_axis(satuan, decimals)))
        ax.yaxis.set_major_formatter(_axis_formatter())
        ax.set_ylabel(f"Realisasi ({satuan})" if satuan else "Realisasi")
        what = "kumulatif seluruh instansi s.d. periode" if cumulative else "per periode"
        ax.set_title(f"Target dan realisasi {what}")
        _legend_below(fig, ax, columns=columns)
        return fig

    what = (
        "kumulatif seluruh instansi sampai dengan setiap periode"
        if cumulative
        else ("per periode" + (f" untuk {n} unit" if n > 1 else ""))
    )
    first, last = _long_period(periods[0]), _long_period(periods[-1])
    span = first if first == last else f"{first} sampai {last}"
    alt = (
        f"Diagram batang realisasi {name} {what}, {span}; target tiap batang ditandai garis "
        "hitam pendek melintang (target rentang: garis tegak dari batas bawah ke batas atas). "
        "Angkanya ada pada tabel."
    )
    body = []
    for period in periods:
        for unit in units:
            rec = rows.get((period, unit))
            if rec is None:
                continue
            body.append(
                [
                    esc(_long_period(period)),
                    esc(unit_label[unit]),
                    esc(target_text(rec, decimals)),
                    number(_num(rec["realisasi"]), decimals),
                    number(_num(rec.get("capaian"))),
                ]
            )
    html = table(
        ["Periode", "Unit", "Target", "Realisasi", "Capaian (%)"],
        body,
        numeric=(2, 3, 4),
        caption=f"Data grafik: target dan realisasi {what}, {span}",
        css="kj-chart-data",
    )
    return Chart(_draw(build), alt, html)


# -- publishing ------------------------------------------------------------------------------


def chart_src(kind: str, key: str) -> str:
    """Where a chart is published: ``grafik/<kind>-<key>.svg`` (kind: periode, unit,
    indikator)."""
    return f"{CHART_DIR}/{kind}-{key}.svg"


def _svg_size(svg: bytes) -> tuple[int, int] | None:
    """The SVG's size in CSS pixels (matplotlib writes it in points), for <img width height>."""
    head = svg[:2000].decode("utf-8", "replace")
    width = re.search(r'<svg[^>]*\swidth="([0-9.]+)pt"', head)
    height = re.search(r'<svg[^>]*\sheight="([0-9.]+)pt"', head)
    if not width or not height:
        return None
    return round(float(width.group(1)) * 4 / 3), round(float(height.group(1)) * 4 / 3)


def figure(here: str, src: str, chart: Chart, caption: str, *, data_table: bool = True) -> str:
    """The HTML of a chart on page ``here``: ``<figure>`` with the image and its caption, then
    the table of the same data. ``src`` is the chart's published path (:func:`chart_src`).
    ``data_table=False`` only where a table right below on the page already holds every number
    of the chart. No ``loading="lazy"``: a lazy image may be missing from a printout."""
    size = _svg_size(chart.svg)
    dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
    return (
        # tabindex: on a phone the figure scrolls sideways, and a scrolling region must be
        # reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable).
        '<figure class="kj-figure" tabindex="0">'
        f'<img class="kj-chart" src="{esc(page_href(here, src))}" '
        f'alt="{esc(chart.alt)}"{dims}>'
        f"<figcaption>{esc(caption)}</figcaption></figure>" + (chart.table if data_table else "")
    )

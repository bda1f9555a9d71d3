"""The report's one chart kind: an indicator's realisasi per year against its target, as PNG.

PNG, not SVG: Word and LibreOffice Writer place a PNG everywhere (SVG in DOCX needs a PNG
fallback anyway). The figures are in the table printed under every chart, so the chart never has
to be read for a number.

Drawn with Pillow (which matplotlib itself requires) rather than matplotlib: a report has one
chart per indicator, sixty at a regency's scale, and matplotlib's import and text layout cost
about 0.1-0.3 s a chart where these few rectangles and labels cost milliseconds; the benchmark
holds a year's report to twice the recap's time. The look follows :mod:`kinerja.site.charts`:
Okabe-Ito blue bars, the report's year in orange *and* hatched (a grey print tells it apart), the
target as a black dash, Indonesian numbers on the axis, DejaVu Sans (shipped with matplotlib, so
the same glyphs on every machine).

Deterministic: a fixed size, no metadata; the same figures give the same bytes.
"""

from __future__ import annotations

import importlib.util
import io
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kinerja.laporan.model import Figure
from kinerja.site.html import number

__all__ = ["SIZE", "nice_ticks", "year_chart"]

#: Pixels: 16 x 6 cm at 150 dpi, sharp when printed.
SIZE = (945, 360)
DPI = 150
_BLUE = (0, 114, 178)
_ORANGE = (230, 159, 0)
_GRID = (204, 204, 204)
_BLACK = (0, 0, 0)
_TEXT = (34, 34, 34)
_LEFT, _RIGHT, _TOP, _BOTTOM = 104, 20, 50, 44

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=4)
def _font(size: int) -> FontType:
    spec = importlib.util.find_spec("matplotlib")
    for base in spec.submodule_search_locations or [] if spec else []:
        path = Path(base) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def nice_ticks(top: float) -> list[float]:
    """0 and round steps (1, 2, 2,5 or 5 x 10^n) up to at least ``top``, at most six ticks."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _decimals(ticks: Sequence[float]) -> int:
    for decimals in range(4):
        if all(abs(t * 10**decimals - round(t * 10**decimals)) < 1e-6 for t in ticks):
            return decimals
    return 4


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, anchor: str) -> None:
    draw.text(xy, text, fill=_TEXT, font=_font(19), anchor=anchor)


def _hatch(image: Image.Image, box: tuple[int, int, int, int]) -> None:
    """Diagonal lines inside a bar, drawn on a patch so that they stay inside it."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    if width <= 0 or height <= 0:
        return
    patch = Image.new("RGB", (width, height), _ORANGE)
    pen = ImageDraw.Draw(patch)
    for start in range(-height, width, 12):
        pen.line([(start, height), (start + height, 0)], fill=_TEXT, width=1)
    image.paste(patch, (left, top))


def year_chart(years: Sequence[Figure], satuan: str) -> bytes | None:
    """Bars of realisasi per year and the target as a black dash; ``None`` without realisasi."""
    values = [f.realisasi for f in years]
    if not any(v is not None for v in values):
        return None
    width, height = SIZE
    image = Image.new("RGB", SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    marks = [v for v in values if v is not None]
    for f in years:
        marks += [t for t in (f.target, f.target_min, f.target_max) if t is not None]
    ticks = nice_ticks(max(*marks, 0.0) * 1.08)
    top_value = ticks[-1]
    plot_top, plot_bottom = _TOP, height - _BOTTOM
    plot_left, plot_right = _LEFT, width - _RIGHT

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * max(value, 0.0) / top_value

    decimals = _decimals(ticks)
    for tick in ticks:
        y = y_of(tick)
        draw.line([(plot_left, y), (plot_right, y)], fill=_GRID, width=1)
        _text(draw, (plot_left - 8, y), number(tick, decimals), "rm")
    slot = (plot_right - plot_left) / len(years)
    last = len(years) - 1
    for i, figure in enumerate(years):
        centre = plot_left + slot * (i + 0.5)
        half = min(slot * 0.28, 70)
        if figure.realisasi is not None:
            box = (round(centre - half), round(y_of(figure.realisasi)),
                   round(centre + half), round(plot_bottom))  # fmt: skip
            if i == last:
                _hatch(image, box)
                draw.rectangle(box, outline=_TEXT, width=1)
            else:
                draw.rectangle(box, fill=_BLUE)
        if figure.target is not None:
            y = y_of(figure.target)
            draw.line([(centre - half * 1.3, y), (centre + half * 1.3, y)], fill=_BLACK, width=5)
        elif figure.target_min is not None and figure.target_max is not None:
            low, high = y_of(figure.target_min), y_of(figure.target_max)
            draw.line([(centre, low), (centre, high)], fill=_BLACK, width=5)
            for y in (low, high):
                draw.line(
                    [(centre - half * 0.6, y), (centre + half * 0.6, y)], fill=_BLACK, width=3
                )
        _text(draw, (centre, plot_bottom + 10), str(figure.tahun), "mt")
    draw.line([(plot_left, plot_bottom), (plot_right, plot_bottom)], fill=_TEXT, width=1)
    draw.line([(plot_left, plot_top), (plot_left, plot_bottom)], fill=_TEXT, width=1)
    # The unit, written upwards beside the axis.
    label = Image.new("RGB", (plot_bottom - plot_top, 26), (255, 255, 255))
    ImageDraw.Draw(label).text(
        (label.width / 2, 13), satuan, fill=_TEXT, font=_font(19), anchor="mm"
    )
    image.paste(label.rotate(90, expand=True), (4, plot_top))
    # Legend along the top.
    x = plot_left
    draw.rectangle((x, 12, x + 22, 30), fill=_BLUE)
    _text(draw, (x + 30, 21), "Realisasi", "lm")
    x += 160
    _hatch(image, (x, 12, x + 22, 30))
    draw.rectangle((x, 12, x + 22, 30), outline=_TEXT, width=1)
    _text(draw, (x + 30, 21), "Realisasi tahun laporan", "lm")
    x += 330
    draw.line([(x, 21), (x + 26, 21)], fill=_BLACK, width=5)
    _text(draw, (x + 34, 21), "Target", "lm")
    buffer = io.BytesIO()
    # Fast zlib level: the encoder is most of the time, and Word recompresses nothing anyway.
    image.save(buffer, format="PNG", dpi=(DPI, DPI), compress_level=1)
    return buffer.getvalue()

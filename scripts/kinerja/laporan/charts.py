"""The report's one chart kind: an indicator's realisasi per year against its target, as PNG.

PNG, not SVG: Word and LibreOffice Writer place a PNG everywhere (SVG in DOCX needs a PNG
fallback anyway). The figures are in the table printed under every chart, so the chart never has
to be read for a number. Deterministic: no "Software" or date metadata, a fixed size and DPI, so
the same figures give the same bytes (and the same DOCX).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, cast

import matplotlib
from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kinerja.laporan.model import Figure
from kinerja.site.html import number

__all__ = ["year_chart"]

_RC: dict[str, Any] = {
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
}
_BAR = "#0072B2"
_NOW = "#E69F00"
#: Width and height in inches, and dots per inch: 16 x 6 cm at 150 dpi, sharp when printed.
SIZE = (6.3, 2.4)
DPI = 150


def _formatter(decimals: int) -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: number(v, decimals if v != int(v) else 0))


def year_chart(years: Sequence[Figure], satuan: str, presisi: int) -> bytes | None:
    """Bars of realisasi per year (the report's year highlighted and hatched, so a grey print
    tells it apart) and the target as a black dash; ``None`` without any realisasi."""
    if not any(f.realisasi is not None for f in years):
        return None
    with matplotlib.rc_context(cast(Any, _RC)):
        fig = MplFigure(figsize=SIZE, dpi=DPI)
        fig.subplots_adjust(left=0.12, right=0.98, top=0.9, bottom=0.2)
        ax = fig.add_subplot()
        ax.grid(axis="y", color="#cccccc", linewidth=0.6)
        ax.set_axisbelow(True)
        labels = [str(f.tahun) for f in years]
        xs = list(range(len(years)))
        values = [f.realisasi if f.realisasi is not None else 0.0 for f in years]
        last = len(years) - 1
        colours = [_NOW if i == last else _BAR for i in xs]
        hatches = ["//" if i == last else "" for i in xs]
        bars = ax.bar(xs, values, width=0.55, color=colours, label="Realisasi", zorder=2)
        for bar, hatch in zip(bars, hatches, strict=True):
            bar.set_hatch(hatch)
        targets = [(x, f.target) for x, f in zip(xs, years, strict=True) if f.target is not None]
        if targets:
            ax.scatter(
                [x for x, _ in targets],
                [t for _, t in targets],
                marker="_",
                s=900,
                linewidths=2.2,
                color="#000000",
                label="Target",
                zorder=3,
            )
        for x, f in zip(xs, years, strict=True):
            low, high = f.target_min, f.target_max
            if low is None or high is None:
                continue
            ax.vlines(x, low, high, color="#000000", linewidth=2.2, zorder=3)
        ax.set_xticks(xs, labels)
        ax.yaxis.set_major_formatter(_formatter(presisi))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.set_ylabel(satuan)
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 1.16), ncol=2, frameon=False)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        return buffer.getvalue()

"""Charts read like the tables beside them: names whole, figures identical, nothing overlapping.

A real tracker (tests/tracker.py) whose indicator carries a 130-character name; the charts
drawn from its snapshot are read back from their SVG (matplotlib writes every text it draws as
an XML comment before the glyph outlines) and compared with the HTML tables.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tracker import git, make_tracker, signed_commit, write

LONG_NAME = (
    "Persentase rekomendasi hasil pengawasan Inspektorat Daerah yang telah ditindaklanjuti "
    "secara tuntas oleh perangkat daerah sesuai jadwal"
)
IRBAN_2 = """\
unit: irban-2
periode: 2026-q4
disampaikan_oleh: lisa-oktaviani
tanggal: "2026-10-07"
dokumen: []
realisasi:
  - indikator: jumlah-lhp
    nilai: 4
dokumen_nihil:
  - jenis: LHP
    alasan: Belum ada LHP yang terbit pada triwulan ini.
"""
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from kinerja.snapshot import take_snapshot

    root = make_tracker(tmp_path_factory.mktemp("charts"))
    catalogue = root / "submissions" / "indikator.yml"
    text = catalogue.read_text("utf-8")
    old = "nama: Persentase rekomendasi hasil pengawasan yang telah ditindaklanjuti"
    assert old in text
    catalogue.write_text(text.replace(old, f"nama: {LONG_NAME}", 1), "utf-8")
    write(root, "submissions/2026-q4/irban-2.yml", IRBAN_2)
    git(root, "add", "-A")
    signed_commit(root, "nama panjang, irban-2")
    assert len(LONG_NAME) >= 120
    return take_snapshot(root, now=NOW, use_cache=False)


def svg_texts(svg: bytes) -> list[str]:
    """Every text the chart draws, one line each, in drawing order."""
    return [html.unescape(t.strip()) for t in re.findall(r"<!-- (.*?) -->", svg.decode())]


def table_column(table_html: str, header: str) -> list[str]:
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table_html)]
    column = heads.index(header)
    rows = re.findall(r"<tr>(.*?)</tr>", table_html, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows]
    return [html.unescape(c[column]) for c in cells if len(c) > column]


def _charts(snapshot: Any) -> dict[str, Any]:
    from kinerja.site import charts

    made = {
        "periode": charts.period_chart(snapshot, "2026-q4"),
        "unit": charts.unit_chart(snapshot, "irban-1"),
        "indikator": charts.indicator_chart(snapshot, "persentase-tindak-lanjut"),
    }
    assert all(made.values()), made
    return made


def test_a_long_indicator_name_is_never_cut(snapshot: Any) -> None:
    made = _charts(snapshot)
    for kind in ("periode", "unit"):
        chart = made[kind]
        texts = svg_texts(chart.svg)
        assert not any("…" in t for t in texts), kind
        # The name, wrapped over lines of the legend, reads whole when its lines are joined.
        assert LONG_NAME in " ".join(texts), kind
        lines = [t for t in texts if t and t in LONG_NAME]
        assert len(lines) >= 3, lines  # wrapped, not one line running off the figure
        assert "…" not in chart.table and "…" not in chart.alt
        assert html.escape(LONG_NAME, quote=False) in chart.table, kind


def test_each_figure_on_a_chart_is_the_figure_its_table_prints(snapshot: Any) -> None:
    """Bar labels of the period chart and the capaian column of its table (and of the period
    page's own table): the same values, printed by the same function."""
    from kinerja.site.pages.periods import pages

    chart = _charts(snapshot)["periode"]
    table_figures = table_column(chart.table, "Capaian (%)")
    assert len(table_figures) == 3, table_figures  # irban-1: two indicators, irban-2: one
    on_chart = [t for t in svg_texts(chart.svg) if re.fullmatch(r"[\d.]+,\d+", t)]
    assert Counter(on_chart) == Counter(table_figures), (on_chart, table_figures)
    assert "100,59" in on_chart  # 85,5 against 85: two decimals, as in the tables
    page = str(pages(snapshot)["periode/2026-q4.md"])
    for figure in table_figures:
        assert f">{figure}<" in page
    # The alt text names the lowest and the highest figure as the table prints them.
    assert "Terendah 60,00 %" in chart.alt and "tertinggi 100,59 %" in chart.alt


def test_legend_below_the_plot_never_overlaps_it(
    snapshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figure's height is computed from the wrapped legend: drawn, the legend sits inside
    the figure, below the plot and its axis labels, whatever the length of the names."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from kinerja.site import charts

    drawn: list[Figure] = []
    real = charts._svg_bytes

    def keep(fig: Figure) -> bytes:
        drawn.append(fig)
        return real(fig)

    monkeypatch.setattr(charts, "_svg_bytes", keep)
    _charts(snapshot)
    assert len(drawn) == 3
    for fig in drawn:
        renderer = FigureCanvasAgg(fig).get_renderer()
        (ax,) = fig.axes
        legend = fig.legends[0].get_window_extent(renderer)
        plot = ax.get_tightbbox(renderer)
        assert legend.y1 <= plot.y0 + 1, (legend, plot)  # below the axis labels
        assert legend.y0 >= -1 and legend.x0 >= -1
        assert legend.x1 <= fig.bbox.width + 1
        # Within the part of the figure a 360 px phone shows before scrolling sideways.
        assert legend.x1 <= (charts._LEGEND_LEFT_IN + charts._LEGEND_SPAN_IN) * fig.dpi, legend


def test_numbers_have_one_formatter() -> None:
    """The charts module has no number formatter of its own: the site's tables' one is used."""
    from kinerja.site import charts
    from kinerja.site.html import number

    assert not hasattr(charts, "format_number")
    assert charts.number is number
    assert number(100.5912) == "100,59" and number(None) == "–" and number(float("nan")) == "–"
    assert number(1234.5, 1) == "1.234,5" and number(100.0, 2, trim=True) == "100"
    source = Path(charts.__file__).read_text("utf-8")
    assert "_clip" not in source and "…" not in source

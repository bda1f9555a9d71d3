"""Evaluasi SOP: the periodic review of the SOP's implementation (PermenPAN-RB 35/2012).

Per step: what is measured (working minutes between two recorded events), its mutu baku, the
median over the periods where it finished, how often it stayed within its mutu baku, and its
slowest periods; the trend over periods as a chart of each step's time as a percentage of its
mutu baku, with a table of the same numbers; and, for the steps that end with the last hand-in
(collecting data), which units' hand-ins set that end most often. Printable (A4, office heading).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping

from matplotlib.figure import Figure

from kinerja.site.charts import (
    _COLOURS,
    _LINES,
    _MARKERS,
    Chart,
    _axis_formatter,
    _draw,
    _legend_below,
    _new_figure,
    chart_src,
    figure,
    short_period,
)
from kinerja.site.html import block, esc, href, number, table
from kinerja.site.pages._common import example_notice, period_label, unit_name, with_print_heading
from kinerja.snapshot import Snapshot
from kinerja.status import PeriodState
from kinerja.status.sop_evaluation import StepEvaluation, evaluate

HERE = "sop/evaluasi.md"
CHART = chart_src("sop", "evaluasi")


def _percent(step: StepEvaluation, minutes: float) -> float | None:
    return minutes / step.mutu_baku * 100 if step.mutu_baku else None


def _summary(steps: list[StepEvaluation]) -> str:
    """One card per step (a definition list, readable on a phone and on paper)."""
    cards = []
    for step in steps:
        n = len(step.measured)
        over = [
            (p, m) for p, m in step.slowest() if step.mutu_baku is not None and m > step.mutu_baku
        ]
        slow = ", ".join(f"{esc(period_label(p))} ({number(m, 0)})" for p, m in over)
        if n and not slow:
            slow = "tidak ada yang melebihi mutu baku"
        verdict = "–"
        css = "kj-langkah"
        if n and step.mutu_baku:
            if step.chronic:
                css += " kj-langkah-tinjau"
                verdict = (
                    '<strong class="kj-perlu-tinjau">perlu ditinjau</strong>: melebihi mutu '
                    "baku pada sebagian besar periode"
                )
            else:
                verdict = "umumnya dalam mutu baku"
        facts = [
            ("Yang diukur", esc(step.note) or "–"),
            ("Mutu baku", f"{number(step.mutu_baku, 0)} menit" if step.mutu_baku else "–"),
            ("Median", f"{number(step.median, 0)} menit" if n else "belum ada periode selesai"),
            ("Dalam mutu baku", f"{step.within} dari {n} periode" if n else "–"),
            ("Periode paling lambat (menit)", slow or "–"),
            ("Penilaian", verdict),
        ]
        dl = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
        cards.append(
            f'<section class="{css}"><h3>Langkah {step.no}. {esc(step.aktivitas)}</h3>'
            f'<p class="kj-meta">Pelaksana: {esc(step.pelaksana) or "–"}</p>'
            f'<dl class="kj-pengajuan-fakta">{dl}</dl></section>'
        )
    return "".join(cards)


def trend_chart(steps: list[StepEvaluation], periods: list[str]) -> Chart | None:
    """Each step's working time as a percentage of its mutu baku, per period; 100 % is the
    mutu baku. Steps without a mutu baku or without a measurement are left out."""
    series = {
        s.no: {p: v for p, m in s.measured if (v := _percent(s, m)) is not None}
        for s in steps
        if s.mutu_baku and s.measured
    }
    series = {k: v for k, v in series.items() if v}
    if not series or not periods:
        return None
    # Short names in the legend and the table (the cards above carry each step's activity):
    # a long activity name would not fit a legend on a phone.
    names = {s.no: f"Langkah {s.no}" for s in steps}
    positions = {p: i for i, p in enumerate(periods)}

    def build() -> Figure:
        fig, ax = _new_figure(2.8, legend=[*(names[k] for k in series), "mutu baku"], columns=3)
        for i, (key, values) in enumerate(series.items()):
            xs = [positions[p] for p in periods if p in values]
            ys = [values[p] for p in periods if p in values]
            ax.plot(
                xs,
                ys,
                color=_COLOURS[i % len(_COLOURS)],
                marker=_MARKERS[i % len(_MARKERS)],
                linestyle=_LINES[i % len(_LINES)],
                linewidth=1.4,
                markersize=5,
                label=names[key],
            )
        ax.axhline(100, color="#000000", linewidth=1.1, linestyle=(0, (5, 3)), label="mutu baku")
        ax.set_xticks(range(len(periods)), [short_period(p) for p in periods], fontsize=9)
        ax.set_xlim(-0.5, len(periods) - 0.5)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(_axis_formatter(" %"))
        ax.set_ylabel("Waktu kerja (% mutu baku)")
        ax.set_title("Waktu kerja langkah SOP terhadap mutu baku")
        _legend_below(fig, ax, columns=3)
        return fig

    alt = (
        f"Grafik garis waktu kerja {len(series)} langkah SOP sebagai persen mutu bakunya, per "
        "periode, skala logaritmik; garis putus-putus hitam adalah mutu baku (100 %). "
        "Angkanya ada pada tabel di bawah grafik."
    )
    headers = ["Langkah", *[short_period(p).replace("\n", " ") for p in periods]]
    body = [[esc(names[k]), *[number(series[k].get(p), 0) for p in periods]] for k in series]
    html = table(
        headers,
        body,
        numeric=range(1, len(headers)),
        caption="Data grafik: waktu kerja langkah SOP (% mutu baku) per periode",
        css="kj-chart-data",
    )
    return Chart(_draw(build), alt, html)


def _drivers(snapshot: Snapshot, states: Mapping[str, PeriodState]) -> str:
    """For the steps that end with a hand-in: which unit handed in last, how often."""
    last: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    delay: dict[str, list[float]] = {}
    for state in states.values():
        for step in state.steps:
            if step.end is None or not step.langkah.startswith("kumpul"):
                continue
            names[step.langkah] = f"{step.no}. {step.aktivitas}"
            for unit, unit_state in state.units.items():
                if unit_state.received_at == step.end:
                    last.setdefault(step.langkah, Counter())[unit] += 1
                    delay.setdefault(unit, []).append(float(step.minutes or 0))
    if not last:
        return "<p>Belum ada langkah pengumpulan data yang selesai.</p>"
    out = []
    for langkah, counts in last.items():
        rows = [
            [
                esc(unit_name(snapshot, unit)),
                str(count),
                number(statistics.median(delay[unit]), 0),
            ]
            for unit, count in counts.most_common()
        ]
        out.append(
            table(
                ["Unit", "Kali menjadi penyerah terakhir", "Median waktu langkah (menit)"],
                rows,
                numeric=(1, 2),
                caption=f"Penentu waktu langkah {names[langkah]}",
            )
        )
    return "".join(out)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    states = snapshot.states
    steps = evaluate(states)
    out: dict[str, str | bytes] = {}
    parts = ["# Evaluasi SOP\n\n", example_notice(snapshot)]
    parts.append(
        "Pemantauan dan evaluasi pelaksanaan SOP pengumpulan data kinerja (Permenpan-RB "
        "Nomor 35 Tahun 2012). Setiap langkah diukur dalam **menit kerja** (jam kerja kantor, "
        "tanpa hari libur) antara dua kejadian yang tercatat, tertulis di bawah nama langkah, "
        "lalu dibandingkan dengan **mutu baku** waktu yang ditetapkan SOP. Hanya periode yang "
        "langkahnya sudah selesai yang dihitung.\n\n"
    )
    if not steps:
        parts.append("Belum ada SOP alur kerja atau belum ada periode.\n")
        out[HERE] = with_print_heading(snapshot, "".join(parts))
        return out
    parts.append("## Ringkasan per langkah\n\n")
    parts.append(block(_summary(steps)))
    chronic = [s for s in steps if s.chronic]
    if chronic:
        listed = "; ".join(f"langkah {s.no} ({esc(s.aktivitas)})" for s in chronic)
        # Activity names are SOP data: an HTML block (escaped), never Markdown text.
        parts.append(
            block(
                '<div class="admonition warning"><p class="admonition-title">Perlu ditinjau</p>'
                f"<p>{listed} melebihi mutu baku pada sebagian besar periode. Tinjau apakah mutu "
                "bakunya realistis atau alurnya perlu diubah; tanda pada halaman periode hanya "
                "menandai periode yang lebih lambat daripada biasanya.</p></div>"
            )
        )
    periods = [p for p in states if any(p == q for s in steps for q, _ in s.measured)]
    chart = trend_chart(steps, periods)
    parts.append("## Kecenderungan antarperiode\n\n")
    if chart is None:
        parts.append("Belum ada langkah dengan mutu baku yang selesai.\n\n")
    else:
        out[CHART] = chart.svg
        parts.append(block(figure(HERE, CHART, chart, "Waktu kerja setiap langkah (% mutu baku)")))
    parts.append("## Penentu waktu pengumpulan data\n\n")
    parts.append(
        "Langkah pengumpulan selesai saat data unit terakhir diterima; unit yang paling sering "
        "menjadi penyerah terakhir paling menentukan waktu langkah itu.\n\n"
    )
    parts.append(block(_drivers(snapshot, states)))
    sop = href(HERE, "sop/index.md")
    parts.append(f'<p class="kj-screen-only"><a href="{esc(sop)}">Daftar SOP</a></p>\n')
    out[HERE] = with_print_heading(snapshot, "".join(parts))
    return out


__all__ = ["HERE", "pages", "trend_chart"]

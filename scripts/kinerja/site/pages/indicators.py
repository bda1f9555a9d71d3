"""Per indicator: its definition in words people use, its targets, the realisasi of every unit
and period with capaian and predikat, the year-to-date figures and a target-against-realisasi
chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kinerja.model import Indicator
from kinerja.site.charts import (
    Chart,
    chart_src,
    distinct,
    figure,
    indicator_chart,
    indicator_chart_mode,
    is_missing,
    page_href,
    records,
    rows_of,
    short_period,
    target_text,
)
from kinerja.site.html import block, esc, link, md_text, number, page_top, table
from kinerja.site.pages._common import example_notice, period_label, unit_name
from kinerja.site.pages.units import grouped_table, predikat_badge
from kinerja.snapshot import Snapshot

INDEX = "indikator/index.md"
#: Periods in the detailed tables (the newest); the downloads hold all.
MAX_PERIODS = 24

ARAH = {
    "naik": ("Naik", "makin tinggi makin baik; capaian = realisasi ÷ target × 100 %"),
    "turun": (
        "Turun",
        "makin rendah makin baik; capaian = (2 × target − realisasi) ÷ target "
        "× 100 %, tidak pernah kurang dari 0",
    ),
}
AGREGASI = {
    "jumlah": (
        "Jumlah",
        "realisasi beberapa periode dijumlahkan; angka sampai dengan periode "
        "adalah jumlah periode-periode tahun itu",
    ),
    "terakhir": (
        "Terakhir",
        "angka sampai dengan periode adalah realisasi periode terakhir (posisi akhir)",
    ),
    "rata-rata": (
        "Rata-rata",
        "angka sampai dengan periode adalah rata-rata realisasi periode-periode tahun itu",
    ),
}
FREKUENSI = {"bulan": "Bulanan", "triwulan": "Triwulanan", "tahun": "Tahunan"}


def _num(value: object, decimals: int = 2) -> str:
    return number(value, decimals)


def value_text(value: Any, decimals: int) -> str:
    """A target value from indikator.yml: a number, or a range ``{min, max}`` as ``95–100``."""
    if isinstance(value, Mapping):
        return f"{value_text(value.get('min'), decimals)}–{value_text(value.get('max'), decimals)}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, decimals, trim=True)
    return esc(value) if value is not None else "–"


def _unit_link(snapshot: Snapshot, here: str, unit_id: str) -> str:
    """A unit's short name, kept on one line (``Irban\u00a0III``), linking to its page."""
    short = unit_name(snapshot, unit_id, short=True).replace(" ", "\u00a0")
    return link(page_href(here, f"unit/{unit_id}.md"), short)


def _period_link(here: str, period_id: str) -> str:
    target = page_href(here, f"periode/{period_id}.md")
    # On one line: a long note in the same row must not squeeze "Triwulan III 2026" to three.
    return f'<a class="kj-nowrap" href="{esc(target)}">{esc(period_label(period_id))}</a>'


def _raw(snapshot: Snapshot, indicator_id: str) -> Mapping[str, Any]:
    for item in snapshot.tracker.indicator_data.get("indikator", []):
        if isinstance(item, Mapping) and item.get("id") == indicator_id:
            return item
    return {}


def _facts(snapshot: Snapshot, here: str, indicator: Indicator) -> str:
    arah = ARAH.get(indicator.arah, (indicator.arah, ""))
    agregasi = AGREGASI.get(indicator.agregasi, (indicator.agregasi, ""))
    low, high = indicator.rentang
    rentang = (
        f"{value_text(low, indicator.presisi)} sampai "
        f"{value_text(high, indicator.presisi) if high is not None else 'tak terbatas'}"
    )
    owners = ", ".join(_unit_link(snapshot, here, u) for u in indicator.unit) or "–"
    facts = [
        ["Id", f"<code>{esc(indicator.id)}</code>"],
        ["Definisi", esc(indicator.definisi) or "–"],
        ["Satuan", esc(indicator.satuan)],
        ["Arah", f"<strong>{esc(arah[0])}</strong>: {esc(arah[1])}"],
        ["Agregasi", f"<strong>{esc(agregasi[0])}</strong>: {esc(agregasi[1])}"],
        ["Frekuensi pelaporan", esc(FREKUENSI.get(indicator.frekuensi, indicator.frekuensi))],
        ["Presisi", f"{indicator.presisi} angka di belakang koma"],
        ["Rentang wajar realisasi", esc(rentang)],
        ["Sumber data", esc(indicator.sumber_data) or "–"],
        ["Unit pelapor", owners],
    ]
    return block(table(["Keterangan", "Isi"], facts, css="kj-facts"))


def _period_short(period_id: str) -> str:
    return short_period(period_id).split("\n", 1)[0]  # "Tw I", "Okt": the year is in its row


def _targets(snapshot: Snapshot, here: str, indicator: Indicator) -> str:
    raw_targets = [
        t for t in _raw(snapshot, indicator.id).get("target", []) if isinstance(t, Mapping)
    ]
    if not raw_targets:
        return "Belum ada target di indikator.yml.\n\n"
    groups: dict[int, list[list[str]]] = {}
    for target in sorted(
        raw_targets, key=lambda t: (int(t.get("tahun", 0)), str(t.get("unit") or ""))
    ):
        unit = target.get("unit")
        per_period = target.get("periode") or {}
        periods = (
            ", ".join(
                f'<span class="kj-nowrap">{esc(_period_short(str(p)))}: '
                f"{value_text(v, indicator.presisi)}</span>"
                for p, v in per_period.items()
            )
            or "–"
        )
        groups.setdefault(int(target.get("tahun", 0)), []).append(
            [
                _unit_link(snapshot, here, str(unit)) if unit else "Seluruh instansi",
                value_text(target.get("nilai"), indicator.presisi),
                periods,
                esc(target.get("catatan")) if target.get("catatan") else "–",
            ]
        )
    return block(
        grouped_table(
            ["Tahun", "Berlaku untuk", "Target tahunan", "Target per periode", "Catatan"],
            [(str(year), rows) for year, rows in sorted(groups.items(), reverse=True)],
            numeric=(2,),
            caption=f"Target {indicator.nama} ({indicator.satuan}), tahun terbaru di atas",
        )
    )


def _realisations(snapshot: Snapshot, here: str, indicator: Indicator, chart: Chart | None) -> str:
    part = rows_of(snapshot.recap.indikator, "indikator", indicator.id)
    if part.empty:
        return "Belum ada realisasi yang diminta atau dilaporkan.\n\n"
    out = []
    if chart is not None:
        # The tables below hold every number of the chart: realisasi per period and unit, or,
        # when the chart shows the instansi's cumulative figures, the cumulative table.
        mode = indicator_chart_mode(snapshot, indicator.id)
        where = "tabel di bawahnya" if mode == "unit" else "tabel Capaian kumulatif"
        out.append(
            block(
                figure(
                    here,
                    chart_src("indikator", indicator.id),
                    chart,
                    f"Target dan realisasi {indicator.nama}; garis hitam pendek = target. "
                    "Angkanya ada "
                    f"pada {where}.",
                    data_table=False,
                )
            )
        )
    present = set(distinct(part["periode"]))
    periods = [p for p in snapshot.states if p in present]
    periods += sorted(present - set(periods))
    shown = periods[-MAX_PERIODS:]
    if len(shown) < len(periods):
        out.append(
            f"Tabel berikut memuat {len(shown)} periode terakhir; data lengkap ada di "
            "halaman [Unduh](../unduh/index.md).\n\n"
        )
    groups: dict[str, list[list[str]]] = {}
    for rec in sorted(
        (r for r in records(part) if str(r["periode"]) in shown), key=lambda r: str(r["unit"])
    ):
        realisasi = _num(rec.get("realisasi"), indicator.presisi)
        if is_missing(rec.get("realisasi")):
            realisasi = '<span class="kj-missing">belum dilaporkan</span>'
        groups.setdefault(str(rec["periode"]), []).append(
            [
                _unit_link(snapshot, here, str(rec["unit"])),
                esc(target_text(rec, indicator.presisi)),
                realisasi,
                _num(rec.get("capaian")),
                predikat_badge(rec.get("predikat")),
                esc(rec.get("catatan")) if not is_missing(rec.get("catatan")) else "–",
            ]
        )
    out.append(
        block(
            grouped_table(
                ["Periode", "Unit", "Target", "Realisasi", "Capaian (%)", "Predikat", "Catatan"],
                [(_period_link(here, p), groups[p]) for p in reversed(shown) if p in groups],
                numeric=(2, 3, 4),
                caption="Realisasi per periode dan unit (terbaru di atas)",
            )
        )
    )
    return "".join(out)


def _ytd_instansi(snapshot: Snapshot, here: str, indicator: Indicator) -> str:
    part = rows_of(snapshot.recap.ytd_instansi, "indikator", indicator.id)
    if part.empty:
        return "Belum ada angka kumulatif.\n\n"
    rows = [
        [
            _period_link(here, str(r["sd_periode"])),
            str(r["banyak_unit"]),
            esc(target_text(r, indicator.presisi)),
            _num(r.get("realisasi"), indicator.presisi),
            _num(r.get("capaian")),
            predikat_badge(r.get("predikat")),
        ]
        for r in reversed(records(part))
    ][:MAX_PERIODS]
    return block(
        table(
            [
                "S.d. periode",
                "Banyak unit",
                "Target tahunan",
                "Realisasi kumulatif",
                "Capaian (%)",
                "Predikat",
            ],
            rows,
            numeric=(1, 2, 3, 4),
            caption="Seluruh instansi, tahun berjalan sampai dengan "
            "setiap periode (terbaru di atas)",
        )
    )


def _ytd_units(snapshot: Snapshot, here: str, indicator: Indicator) -> str:
    part = rows_of(snapshot.recap.ytd, "indikator", indicator.id)
    if part.empty or part["unit"].nunique() < 2:
        return ""  # one unit: the same figures as the instansi table above
    order = {p: i for i, p in enumerate(snapshot.states)}
    latest: dict[tuple[int, str], dict[str, Any]] = {}
    for rec in records(part):
        key = (int(rec["tahun"]), str(rec["unit"]))
        current = latest.get(key)
        if current is None or order.get(str(rec["sd_periode"]), -1) >= order.get(
            str(current["sd_periode"]), -1
        ):
            latest[key] = rec
    rows = [
        [
            str(year),
            _unit_link(snapshot, here, unit),
            esc(period_label(str(r["sd_periode"]))),
            esc(target_text(r, indicator.presisi)),
            _num(r.get("realisasi"), indicator.presisi),
            _num(r.get("capaian")),
            predikat_badge(r.get("predikat")),
        ]
        for (year, unit), r in sorted(latest.items(), key=lambda kv: (-kv[0][0], kv[0][1]))
    ]
    return block(
        table(
            [
                "Tahun",
                "Unit",
                "S.d. periode",
                "Target tahunan",
                "Realisasi kumulatif",
                "Capaian (%)",
                "Predikat",
            ],
            rows,
            numeric=(3, 4, 5),
            caption="Per unit: posisi terakhir setiap tahun",
        )
    )


def indicator_page(snapshot: Snapshot, indicator: Indicator, chart: Chart | None) -> str:
    here = f"indikator/{indicator.id}.md"
    return "".join(
        [
            page_top(indicator.nama),
            example_notice(snapshot),
            _facts(snapshot, here, indicator),
            "## Target\n\n",
            _targets(snapshot, here, indicator),
            "## Realisasi dan capaian\n\n",
            _realisations(snapshot, here, indicator, chart),
            "## Capaian kumulatif tahun berjalan\n\n",
            "Realisasi sampai dengan setiap periode digabung menurut agregasi indikator ini "
            f"(*{md_text(AGREGASI.get(indicator.agregasi, (indicator.agregasi, ''))[0].lower())}*) "
            "dan dibandingkan dengan target tahunan.\n\n",
            _ytd_instansi(snapshot, here, indicator),
            _ytd_units(snapshot, here, indicator),
        ]
    )


def _index(snapshot: Snapshot, indicators: Sequence[Indicator]) -> str:
    parts = ["# Indikator\n\n", example_notice(snapshot)]
    if not indicators:
        parts.append("Belum ada indikator di `submissions/indikator.yml`.\n")
        return "".join(parts)
    parts.append(
        "Indikator kinerja dari `submissions/indikator.yml`, dengan target dan "
        "capaiannya. *Arah naik*: makin tinggi makin baik; *arah turun*: makin rendah "
        "makin baik.\n\n"
    )
    ytd = snapshot.recap.ytd_instansi
    rows = []
    for indicator in indicators:
        mine = rows_of(ytd, "indikator", indicator.id)
        mine = mine[mine["capaian"].notna()]
        last = records(mine.tail(1))
        latest = (
            f"{_num(last[0]['capaian'])} "
            f"<small>(s.d. {esc(period_label(str(last[0]['sd_periode'])))})</small>"
            if last
            else "–"
        )
        rows.append(
            [
                link(page_href(INDEX, f"indikator/{indicator.id}.md"), indicator.nama),
                esc(indicator.satuan),
                esc(ARAH.get(indicator.arah, (indicator.arah,))[0]),
                esc(AGREGASI.get(indicator.agregasi, (indicator.agregasi,))[0]),
                esc(FREKUENSI.get(indicator.frekuensi, indicator.frekuensi)),
                ", ".join(_unit_link(snapshot, INDEX, u) for u in indicator.unit) or "–",
                latest,
            ]
        )
    parts.append(
        block(
            table(
                [
                    "Indikator",
                    "Satuan",
                    "Arah",
                    "Agregasi",
                    "Frekuensi",
                    "Unit pelapor",
                    "Capaian kumulatif instansi (%)",
                ],
                rows,
                numeric=(6,),
                caption="Katalog indikator",
            )
        )
    )
    return "".join(parts)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    config = snapshot.tracker.config
    indicators = list(config.indicators.values()) if config else []
    out: dict[str, str | bytes] = {}
    for indicator in indicators:
        chart = indicator_chart(snapshot, indicator.id)
        if chart is not None:
            out[chart_src("indikator", indicator.id)] = chart.svg
        out[f"indikator/{indicator.id}.md"] = indicator_page(snapshot, indicator, chart)
    out[INDEX] = _index(snapshot, indicators)
    return out


__all__ = ["AGREGASI", "ARAH", "FREKUENSI", "indicator_page", "pages", "value_text"]

"""The demo's ``analisis.md``: Subbag Perencanaan's analysis and evaluation of a period.

Written as staff would write it (Ringkasan, Capaian Indikator, Kendala, Rekomendasi), with the
figures taken from the submissions it analyses, and marked as example data.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kinerja.demo import content
from kinerja.demo.data import aggregate, capaian, format_number, period_target
from kinerja.model import Config, Indicator, parse_period
from kinerja.write import dump_yaml

#: A deliberate typo that the demo's one direct push to ``main`` corrects.
TYPO = ("pengumpulan data", "pengumpulan dta")


@dataclass(frozen=True)
class Delivery:
    """One unit's part of the period as the analysis sees it."""

    unit: str
    on_time: bool | None  # None: nothing delivered
    data: Mapping[str, Any] | None


@dataclass(frozen=True)
class _Reported:
    indicator: Indicator
    target: float | None
    value: float | None
    score: float | None


def _reported(config: Config, period_id: str, deliveries: Sequence[Delivery]) -> list[_Reported]:
    period = parse_period(period_id)
    if period is None:
        raise ValueError(f"not a period: {period_id}")
    reported: dict[str, list[tuple[str, float]]] = {}
    for delivery in deliveries:
        for item in (delivery.data or {}).get("realisasi", []):
            value = item.get("nilai")
            if isinstance(value, (int, float)) and item.get("indikator") in config.indicators:
                reported.setdefault(item["indikator"], []).append((delivery.unit, float(value)))
    out = []
    for ind_id, pairs in reported.items():
        indicator = config.indicators[ind_id]
        values = [v for _, v in pairs]
        unit_targets = [period_target(indicator, unit, period) for unit, _ in pairs]
        known = [t for t in unit_targets if t is not None]
        if indicator.agregasi == "jumlah" and len(known) == len(pairs):
            target: float | None = sum(known)
        else:
            target = period_target(indicator, None, period) or (known[0] if known else None)
        value = aggregate(indicator, values)
        score = capaian(indicator, value, target) if value is not None else None
        out.append(_Reported(indicator, target, value, score))
    return out


def _indicator_rows(reported: Sequence[_Reported]) -> list[str]:
    rows = [
        "| Indikator | Satuan | Target | Realisasi | Capaian |",
        "|---|---|---:|---:|---:|",
    ]
    for item in reported:
        indicator, score = item.indicator, item.score
        rows.append(
            f"| {indicator.nama} | {indicator.satuan} | "
            f"{format_number(item.target, indicator.presisi)} | "
            f"{format_number(item.value, indicator.presisi)} | "
            f"{format_number(score, 2)}{' %' if score is not None else ''} |"
        )
    if len(rows) == 2:
        rows.append("| (tidak ada indikator yang diminta) | | | | |")
    return rows


def _discussion(reported: Sequence[_Reported], period_id: str) -> list[str]:
    """One short section per indicator whose capaian is known, headed by its name: the form the
    Laporan Kinerja quotes under that indicator (see kinerja.laporan.analysis). The wording is
    picked by a digest of the period and indicator, not the random generator, so adding this
    text left every other generated value as it was."""
    lines: list[str] = []
    for item in reported:
        if item.score is None:
            continue
        pick = int(hashlib.sha256(f"{period_id}/{item.indicator.id}".encode()).hexdigest(), 16)
        if item.score >= 100:
            reasons = content.PENYEBAB_BERHASIL
        else:
            reasons = content.PENYEBAB_KURANG
        lines += [
            f"### {item.indicator.nama}",
            "",
            f"Capaian {format_number(item.score, 2)} %. {reasons[pick % len(reasons)]}",
            "",
        ]
    return lines


def analysis_markdown(
    config: Config,
    period_id: str,
    *,
    author: str,
    request: Mapping[str, Any],
    deliveries: Sequence[Delivery],
    rng: random.Random,
    typo: bool = False,
) -> str:
    period = parse_period(period_id)
    label = period.label if period else period_id
    units = config.organisation.units
    reported = _reported(config, period_id, deliveries)

    def name(unit: str) -> str:
        return units[unit].singkatan if unit in units else unit

    on_time = [d.unit for d in deliveries if d.on_time]
    late = [d.unit for d in deliveries if d.on_time is False]
    missing = [d.unit for d in deliveries if d.on_time is None]
    front = dump_yaml({"periode": period_id, "disusun_oleh": author}).rstrip("\n")
    collect = TYPO[1] if typo else TYPO[0]
    summary = (
        f"Permintaan data nomor {request.get('nomor', '-')} tanggal {request.get('tanggal')} "
        f"dengan tenggat {request.get('tenggat')} ditujukan kepada {len(deliveries)} unit. "
        f"Hasil {collect} kinerja {label}: {len(on_time)} unit menyampaikan tepat waktu"
    )
    if late:
        summary += f", {len(late)} unit terlambat ({', '.join(name(u) for u in late)})"
    if missing:
        summary += (
            f", dan {len(missing)} unit belum menyampaikan ({', '.join(name(u) for u in missing)})"
        )
    summary += "."
    obstacles = [
        f"- **{name(d.unit)}**: {d.data['kendala']}"
        for d in deliveries
        if d.data and d.data.get("kendala")
    ][:12]
    advice = rng.sample(content.REKOMENDASI, 3)
    if missing:
        advice.insert(
            0,
            f"Unit yang belum menyampaikan data ({', '.join(name(u) for u in missing)}) "
            "diminta melengkapinya dan dicatat sebagai terlambat.",
        )
    lines = [
        "---",
        front,
        "---",
        "",
        f"# Analisis dan Evaluasi Data Kinerja {label}",
        "",
        "> **Data contoh.** Analisis ini dibuat oleh `kinerja demo` untuk memperlihatkan cara "
        "kerja pelacak; angka dan teksnya rekaan.",
        "",
        "## Ringkasan",
        "",
        summary,
        "",
        "## Capaian Indikator",
        "",
        *_indicator_rows(reported),
        "",
        "Capaian dihitung dari realisasi dan target pada katalog indikator; untuk indikator yang "
        "makin kecil makin baik dipakai rumus (2 x target - realisasi) / target x 100.",
        "",
        *_discussion(reported, period_id),
        "## Kendala",
        "",
        *(obstacles or ["Tidak ada kendala yang dilaporkan."]),
        "",
        "## Rekomendasi",
        "",
        *(f"{i}. {text}" for i, text in enumerate(advice, start=1)),
        "",
    ]
    return "\n".join(lines)

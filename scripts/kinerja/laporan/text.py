"""Words and number texts the writers share: one wording of the report, whatever the format.

Numbers go through :func:`kinerja.site.html.number` (Indonesian notation: 1.234,5), the one
formatter of the package, so the document reads the same figures the same way as the site.
"""

from __future__ import annotations

from collections.abc import Sequence

from kinerja.laporan.model import Figure, IndicatorSection, Laporan, RenstraProgress
from kinerja.model import Indicator
from kinerja.model.periods import parse_period
from kinerja.site.html import number

__all__ = [
    "ANALYSIS_RULE",
    "DASH",
    "capaian_text",
    "figure_cells",
    "missing_text",
    "period_name",
    "renstra_cells",
    "target_text",
    "value",
]

DASH = "–"

#: The rule that puts analysis text under an indicator, as the report tells its reader.
ANALYSIS_RULE = (
    "Teks analisis dikutip dari berkas analisis.md periode-periode laporan ini tanpa diubah. "
    "Sebuah bagian analisis dikutip di bawah suatu indikator bila judul bagiannya menyebut id "
    "indikator (mis. jumlah-lhp) atau nama lengkapnya; paragraf atau butir daftar di luar bagian "
    "seperti itu dikutip bila menyebut id atau nama lengkap indikator. Tabel tidak dikutip: "
    "semua angka laporan diambil dari rekap."
)

FIGURE_HEADERS = ("Target", "Realisasi", "Capaian (%)", "Predikat")


def value(number_or_none: float | None, decimals: int) -> str:
    return number(number_or_none, decimals) if number_or_none is not None else DASH


def target_text(figure: Figure, decimals: int) -> str:
    if figure.target is not None:
        return number(figure.target, decimals)
    if figure.target_min is not None and figure.target_max is not None:
        return f"{number(figure.target_min, decimals)} – {number(figure.target_max, decimals)}"
    return DASH


def capaian_text(share: float | None) -> str:
    return number(share, 2) if share is not None else DASH


def figure_cells(figure: Figure | None, indicator: Indicator) -> list[str]:
    """Target, realisasi, capaian, predikat of one recap row, as printed."""
    if figure is None:
        return [DASH, DASH, DASH, DASH]
    return [
        target_text(figure, indicator.presisi),
        value(figure.realisasi, indicator.presisi),
        capaian_text(figure.capaian),
        figure.predikat or DASH,
    ]


def renstra_cells(progress: RenstraProgress, indicator: Indicator) -> list[str]:
    years = progress.tahun
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else DASH)
    return [
        progress.renstra.nama,
        f"{number(progress.target, indicator.presisi)} (akhir {progress.renstra.tahun_akhir})",
        span,
        value(progress.realisasi, indicator.presisi),
        capaian_text(progress.persen),
    ]


RENSTRA_HEADERS = (
    "Renstra",
    "Target akhir periode",
    "Tahun dihitung",
    "Realisasi s.d. tahun laporan",
    "Persentase tercapai (%)",
)


def period_name(period_id: str) -> str:
    period = parse_period(period_id)
    return period.label if period else period_id


def missing_text(laporan: Laporan) -> str | None:
    if not laporan.missing_periods:
        return None
    names = ", ".join(period_name(p) for p in laporan.missing_periods)
    return (
        f"Periode berikut belum ada di repositori, sehingga angka {laporan.scope.label_in_text} "
        f"belum lengkap: {names}."
    )


def aggregation_note(indicator: Indicator) -> str:
    return {
        "jumlah": "dijumlahkan dari semua periode",
        "terakhir": "nilai periode terakhir yang dilaporkan",
        "rata-rata": "rata-rata periode yang dilaporkan",
    }.get(indicator.agregasi, indicator.agregasi)


def renstra_rule(indicator: Indicator) -> str:
    how = {
        "jumlah": "jumlah realisasi tahun-tahun Renstra",
        "terakhir": "realisasi tahun terakhir yang ada",
        "rata-rata": "rata-rata realisasi tahun-tahun Renstra",
    }.get(indicator.agregasi, "realisasi")
    return f"Realisasi s.d. tahun laporan adalah {how} sampai tahun laporan."


def sd_text(section: IndicatorSection) -> str:
    current = section.current
    if current is None:
        return "Belum ada realisasi pada periode laporan ini."
    units = f" dari {current.banyak_unit} unit" if current.banyak_unit else ""
    return (
        f"Angka s.d. {period_name(current.sd_periode)}: {current.banyak_data} data{units}; "
        f"realisasi {aggregation_note(section.indicator)}."
    )


def join_names(names: Sequence[str]) -> str:
    return ", ".join(names) if names else DASH

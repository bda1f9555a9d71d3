"""The columns of each recap view, their order, and their Indonesian headers for people.

Column *keys* (snake_case, Indonesian domain words) are what code and the JSON export use; the
*headers* are what CSV and XLSX readers see. Keeping both here makes the column order one fact.
"""

from __future__ import annotations

__all__ = ["COLUMNS", "HEADERS", "SHEETS", "VIEWS", "header"]

#: Views of a :class:`~kinerja.recap.build.Recap`, in export order.
VIEWS: tuple[str, ...] = ("indikator", "ytd", "ytd_instansi", "dokumen", "per_unit", "per_periode")

_INDICATOR = ("nama", "satuan", "arah", "agregasi", "presisi")
_TARGET = ("target", "target_min", "target_max")

COLUMNS: dict[str, tuple[str, ...]] = {
    "indikator": (
        "periode", "tahun", "unit", "indikator", *_INDICATOR, "diminta", "banyak_data",
        *_TARGET, "realisasi", "capaian", "predikat", "catatan", "sumber",
    ),
    "ytd": (
        "sd_periode", "tahun", "unit", "indikator", *_INDICATOR, "banyak_data",
        *_TARGET, "realisasi", "capaian", "predikat",
    ),
    "ytd_instansi": (
        "sd_periode", "tahun", "indikator", *_INDICATOR, "banyak_unit", "banyak_data",
        *_TARGET, "realisasi", "capaian", "predikat",
    ),
    "dokumen": (
        "periode", "tahun", "unit", "jenis", "diminta", "diserahkan", "jumlah", "rencana",
        "capaian",
    ),
    "per_unit": (
        "periode", "tahun", "unit", "diserahkan", "jumlah_indikator", "indikator_diminta",
        "indikator_dilaporkan", "indikator_bercapaian", "rata_capaian", "predikat",
        "jumlah_dokumen",
    ),
    "per_periode": (
        "periode", "tahun", "jumlah_unit", "unit_menyerahkan", "jumlah_indikator",
        "indikator_diminta", "indikator_dilaporkan", "indikator_bercapaian", "rata_capaian",
        "predikat", "jumlah_dokumen",
    ),
}  # fmt: skip

HEADERS: dict[str, str] = {
    "periode": "Periode",
    "sd_periode": "S.d. Periode",
    "tahun": "Tahun",
    "unit": "Unit",
    "indikator": "Indikator",
    "nama": "Nama Indikator",
    "satuan": "Satuan",
    "arah": "Arah",
    "agregasi": "Agregasi",
    "presisi": "Presisi",
    "diminta": "Diminta",
    "diserahkan": "Diserahkan",
    "banyak_data": "Banyak Data",
    "banyak_unit": "Banyak Unit",
    "target": "Target",
    "target_min": "Target Minimum",
    "target_max": "Target Maksimum",
    "realisasi": "Realisasi",
    "capaian": "Capaian (%)",
    "predikat": "Predikat",
    "catatan": "Catatan",
    "sumber": "Berkas Sumber",
    "jenis": "Jenis Dokumen",
    "jumlah": "Jumlah",
    "rencana": "Rencana",
    "jumlah_indikator": "Jumlah Indikator",
    "indikator_diminta": "Indikator Diminta",
    "indikator_dilaporkan": "Indikator Dilaporkan",
    "indikator_bercapaian": "Indikator dengan Capaian",
    "rata_capaian": "Rata-rata Capaian (%)",
    "jumlah_dokumen": "Jumlah Dokumen",
    "jumlah_unit": "Jumlah Unit",
    "unit_menyerahkan": "Unit Menyerahkan",
}

#: Sheet names (XLSX) and file stems (CSV) per view.
SHEETS: dict[str, str] = {
    "indikator": "Capaian Indikator",
    "ytd": "Kumulatif Unit",
    "ytd_instansi": "Kumulatif Instansi",
    "dokumen": "Dokumen",
    "per_unit": "Ringkasan Unit",
    "per_periode": "Ringkasan Periode",
}


def header(column: str) -> str:
    """The Indonesian header of a column key (the key itself if none is defined)."""
    return HEADERS.get(column, column)

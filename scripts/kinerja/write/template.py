"""A pre-filled, still empty submission for one unit and period: what the unit fills in.

The template lists what the period's request asks of the unit (its indicators with an empty
``nilai``, one empty row per requested document type) so that a unit starts from the right
shape instead of a blank page. Which indicators a period asks for is decided in one place,
:mod:`kinerja.model.requests`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinerja.model import Config, parse_period
from kinerja.model.requests import asked_of


class TemplateError(ValueError):
    """The unit or period does not exist; the message is Indonesian, for the user."""


def requested(
    config: Config, unit: str, period: str, request: Mapping[str, Any] | None
) -> tuple[list[str], list[str]]:
    """The indicator ids and document types asked of ``unit`` (:mod:`kinerja.model.requests`)."""
    asked = asked_of(config.indicators, unit, period, request)
    return list(asked.indicators), list(asked.documents)


def template(
    config: Config, unit: str, period: str, request: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The submission dict with every field the unit must fill left empty."""
    if unit not in config.organisation.units:
        known = ", ".join(sorted(config.organisation.units))
        raise TemplateError(f"unit '{unit}' tidak ada di organisasi.yml (yang ada: {known})")
    if parse_period(period) is None:
        raise TemplateError(
            f"periode '{period}' tidak sah: tulis TTTT-BB (mis. 2026-10) atau TTTT-qN "
            "(mis. 2026-q4)"
        )
    indicators, documents = requested(config, unit, period, request)
    return {
        "unit": unit,
        "periode": period,
        "disampaikan_oleh": "",
        "tanggal": "",
        "dokumen": [
            {
                "jenis": kind,
                "nomor": "",
                "tanggal": "",
                "judul": "",
                "objek": "",
                "tautan": "",
                "klasifikasi": "terbatas",
            }
            for kind in documents
        ],
        "realisasi": [{"indikator": ind, "nilai": None, "catatan": ""} for ind in indicators],
        "kendala": "",
        "rencana_tindak_lanjut": "",
    }


def template_header(
    config: Config, unit: str, period: str, request: Mapping[str, Any] | None
) -> str:
    """Comment lines for a YAML template: what to fill, and the name of each indicator."""
    parsed = parse_period(period)
    label = parsed.label if parsed else period
    unit_name = config.organisation.units[unit].nama if unit in config.organisation.units else unit
    lines = [
        f"Templat data kinerja {unit_name} ({unit}), {label}.",
        "Isi disampaikan_oleh dengan id pegawai Anda (lihat submissions/organisasi.yml),",
        'tanggal dengan "TTTT-BB-HH", setiap nilai dengan angka (desimal memakai titik, tanpa %),',
        "dan setiap dokumen yang diterbitkan pada periode ini. Setiap jenis dokumen yang diminta",
        "harus dijawab: bila tidak ada dokumen jenis itu pada periode ini, hapus barisnya dan",
        "tulis jenisnya beserta alasannya di dokumen_nihil, misalnya:",
        "  dokumen_nihil:",
        "    - jenis: LHE",
        '      alasan: "Tidak ada evaluasi yang dijadwalkan dalam PKPT periode ini."',
    ]
    if request is None:
        lines.append(
            "Permintaan periode ini belum ada: daftar indikator diambil dari indikator.yml."
        )
    indicators, _ = requested(config, unit, period, request)
    if indicators:
        lines.append("Indikator yang diminta:")
        for ind_id in indicators:
            ind = config.indicators.get(ind_id)
            name = f"{ind.nama} ({ind.satuan})" if ind else "tidak ada di indikator.yml"
            lines.append(f"  {ind_id}: {name}")
    return "\n".join(lines)

"""A pre-filled, still empty submission for one unit and period: what the unit fills in.

The template lists what the period's request asks of the unit (its indicators with an empty
``nilai``, one empty row per requested document type) so that a unit starts from the right
shape instead of a blank page. Without a request, the unit's own indicators of the period's
frequency are listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinerja.model import Config, parse_period


class TemplateError(ValueError):
    """The unit or period does not exist; the message is Indonesian, for the user."""


def _recipient(request: Mapping[str, Any] | None, unit: str) -> Mapping[str, Any] | None:
    if not request:
        return None
    for item in request.get("penerima") or []:
        if isinstance(item, Mapping) and item.get("unit") == unit:
            return item
    return None


def _own_indicators(config: Config, unit: str, period: str) -> list[str]:
    parsed = parse_period(period)
    wanted = {"triwulan"} if parsed and parsed.quarterly else {"bulan"}
    if parsed and (parsed.last_month == 12):
        wanted.add("tahun")
    return [i.id for i in config.indicators.values() if unit in i.unit and i.frekuensi in wanted]


def requested(
    config: Config, unit: str, period: str, request: Mapping[str, Any] | None
) -> tuple[list[str], list[str]]:
    """The indicator ids and document types asked of ``unit`` (see the module docstring)."""
    recipient = _recipient(request, unit)
    if recipient is not None:
        return list(recipient.get("indikator") or []), list(recipient.get("dokumen") or [])
    return _own_indicators(config, unit, period), []


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

"""The YAML forms of a submission and of a period's request, in the data contract's key order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinerja.write.yaml_out import dump, ordered

SUBMISSION_KEYS = (
    "unit",
    "periode",
    "disampaikan_oleh",
    "tanggal",
    "dokumen",
    "realisasi",
    "kendala",
    "rencana_tindak_lanjut",
)
DOCUMENT_KEYS = ("jenis", "nomor", "tanggal", "judul", "objek", "tautan", "berkas", "klasifikasi")
REALISATION_KEYS = ("indikator", "nilai", "catatan")
REQUEST_KEYS = ("periode", "nomor", "tanggal", "tenggat", "diminta_oleh", "penerima", "catatan")
RECIPIENT_KEYS = ("unit", "indikator", "dokumen", "catatan")

SUBMISSION_HEADER = (
    "Data kinerja unit {unit} untuk periode {periode} (skema: schema/submisi.schema.json).\n"
    'Tanggal ditulis "TTTT-BB-HH" dengan tanda kutip; angka tanpa tanda kutip dan tanpa %,\n'
    "desimal memakai titik (mis. 85.5). Teks setelah tanda # adalah catatan."
)
REQUEST_HEADER = (
    "Permintaan data dan informasi kinerja periode {periode} (skema: "
    "schema/permintaan.schema.json).\n"
    "Tenggat berupa tanggal berarti akhir jam kerja hari itu."
)


def _items(value: Any, keys: tuple[str, ...]) -> Any:
    if isinstance(value, list):
        return [ordered(v, keys) if isinstance(v, Mapping) else v for v in value]
    return value


def submission_yaml(data: Mapping[str, Any], *, header: str | None = None) -> str:
    """A unit's submission as YAML; ``header`` replaces the default comment at the top."""
    body = ordered(data, SUBMISSION_KEYS)
    if "dokumen" in body:
        body["dokumen"] = _items(body["dokumen"], DOCUMENT_KEYS)
    if "realisasi" in body:
        body["realisasi"] = _items(body["realisasi"], REALISATION_KEYS)
    if header is None:
        header = SUBMISSION_HEADER.format(
            unit=data.get("unit", "?"), periode=data.get("periode", "?")
        )
    return dump(body, header=header, spaced=True)


def request_yaml(data: Mapping[str, Any], *, header: str | None = None) -> str:
    """A period's ``permintaan.yml``."""
    body = ordered(data, REQUEST_KEYS)
    if "penerima" in body:
        body["penerima"] = _items(body["penerima"], RECIPIENT_KEYS)
    if header is None:
        header = REQUEST_HEADER.format(periode=data.get("periode", "?"))
    return dump(body, header=header, spaced=True)

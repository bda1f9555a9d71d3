"""A submission as the one-table layout that CSV and XLSX share (docs/dev/data-contract.md).

The columns and the meaning of ``bagian`` are the reader's (:mod:`kinerja.read.table`), imported
rather than repeated, so writer and reader cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kinerja.read.table import COLUMNS, DOCUMENT_FIELDS

#: ``info`` rows, in this order; other scalar keys of the submission follow them.
INFO_KEYS = ("unit", "periode", "disampaikan_oleh", "tanggal", "kendala", "rencana_tindak_lanjut")
_BOM = "\ufeff"

Row = list[Any]


def _number_text(value: int | float, *, decimal_comma: bool) -> str:
    if isinstance(value, bool):
        raise TypeError("a realisasi value cannot be true/false")
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"cannot write a non-finite number: {value!r}")
    text = format(Decimal(repr(value)), "f")  # never an exponent: 1e-05 -> 0.00001
    return text.replace(".", ",") if decimal_comma else text


def submission_rows(data: Mapping[str, Any]) -> list[Row]:
    """Header and rows; cells are ``str``, numbers (``nilai``) or ``None`` for empty."""
    rows: list[Row] = [list(COLUMNS)]
    width = len(COLUMNS)

    def row(section: str, key: Any, **cells: Any) -> Row:
        out: Row = [None] * width
        out[0], out[1] = section, key
        for name, value in cells.items():
            out[COLUMNS.index(name)] = value
        return out

    info = [k for k in INFO_KEYS if k in data]
    info += [
        k
        for k, v in data.items()
        if k not in INFO_KEYS and k not in ("dokumen", "realisasi") and not isinstance(v, list)
    ]
    for key in info:
        value = data[key]
        rows.append(row("info", key, nilai=None if value is None else str(value)))
    for item in data.get("realisasi") or []:
        rows.append(
            row(
                "realisasi",
                item.get("indikator"),
                nilai=item.get("nilai"),
                catatan=item.get("catatan"),
            )
        )
    for item in data.get("dokumen") or []:
        rows.append(
            row(
                "dokumen",
                item.get("jenis"),
                **{name: item[name] for name in DOCUMENT_FIELDS if name in item},
            )
        )
    for item in data.get("dokumen_nihil") or []:
        # A requested type declared absent: kunci = jenis, catatan = alasan.
        rows.append(row("nihil", item.get("jenis"), catatan=item.get("alasan")))
    return rows


def submission_csv(data: Mapping[str, Any], *, delimiter: str = ";") -> bytes:
    """CSV as Excel saves "CSV UTF-8": BOM, CRLF, and with ``;`` or tab the decimal comma."""
    if delimiter not in (";", ",", "\t"):
        raise ValueError(f"delimiter must be ';', ',' or tab, not {delimiter!r}")
    decimal_comma = delimiter != ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for cells in submission_rows(data):
        writer.writerow(
            [
                ""
                if cell is None
                else _number_text(cell, decimal_comma=decimal_comma)
                if isinstance(cell, (int, float))
                else str(cell)
                for cell in cells
            ]
        )
    return (_BOM + buffer.getvalue()).encode("utf-8")

"""The tabular form of a submission (CSV and XLSX share it) turned into the YAML form.

One table, one row per item, a ``bagian`` column saying what the row is (docs/dev/data-contract.md).
The output is the same dict a YAML submission gives, with each value's row and column recorded, so
that the schema and the cross-file rules never need to know which format a unit used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from kinerja.findings import FindingList, Position
from kinerja.read.cells import date_text, period_text
from kinerja.read.document import Document
from kinerja.suggest import did_you_mean

COLUMNS = (
    "bagian",
    "kunci",
    "nilai",
    "catatan",
    "nomor",
    "tanggal",
    "judul",
    "objek",
    "tautan",
    "berkas",
    "klasifikasi",
)
REQUIRED_COLUMNS = ("bagian", "kunci", "nilai")
SECTIONS = ("info", "realisasi", "dokumen", "nihil")
DOCUMENT_FIELDS = (
    "catatan",
    "nomor",
    "tanggal",
    "judul",
    "objek",
    "tautan",
    "berkas",
    "klasifikasi",
)

_INT = re.compile(r"[-+]?\d+")
_DOT_DECIMAL = re.compile(r"[-+]?\d+\.\d+")
_COMMA_DECIMAL = re.compile(r"[-+]?\d+,\d+")
_ID_GROUPED = re.compile(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?")
_EN_GROUPED = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")

Cell = Any  # str for CSV; str, int, float, datetime or None for XLSX


def parse_number(text: str, *, indonesian: bool) -> int | float | str:
    """Parse a number as written in a spreadsheet; return the text unchanged when it is not one.

    ``indonesian`` is the locale of ``;``- or tab-separated files exported by an Indonesian Excel:
    decimal comma and thousands dot (``1.234,5``). Comma-separated files use a dot decimal.
    """
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if value.endswith("%") and not value.endswith("%%") and len(value) > 1:
        # "69,71%" as Excel writes a percentage cell to CSV, or as typed into a text cell: the
        # number before the sign is the percentage itself.
        number = parse_number(value[:-1], indonesian=indonesian)
        return number if isinstance(number, (int, float)) else text
    if _INT.fullmatch(value):
        return int(value)
    if indonesian:
        if _ID_GROUPED.fullmatch(value):
            return _number(value.replace(".", "").replace(",", "."))
        if _COMMA_DECIMAL.fullmatch(value):
            return float(value.replace(",", "."))
        if _DOT_DECIMAL.fullmatch(value):
            return float(value)
        return text
    if _EN_GROUPED.fullmatch(value):
        return _number(value.replace(",", ""))
    if _DOT_DECIMAL.fullmatch(value):
        return float(value)
    return text


def _number(value: str) -> int | float:
    return float(value) if "." in value else int(value)


def _norm_header(cell: Cell) -> str:
    return str(cell if cell is not None else "").strip().lower().replace(" ", "_")


def table_to_submission(
    rows: Iterable[tuple[int, Sequence[Cell]]],
    doc: Document,
    findings: FindingList,
    *,
    indonesian_numbers: bool,
    max_rows: int,
    sheet: str | None = None,
) -> None:
    """Fill ``doc.data`` and positions from ``rows`` of ``(line, cells)``; header row first.

    ``sheet`` names the workbook sheet the rows come from (positions then name cells such as
    ``kinerja!C7``); ``None`` for a CSV (positions name the row and the column header)."""
    iterator = iter(rows)
    header_line, header = _first_nonempty(iterator)
    if header is None:
        findings.add("file-empty", Position(1, 1))
        return
    columns = [_norm_header(c) for c in header]
    while columns and columns[-1] == "":
        columns.pop()
    if not _check_header(columns, header_line, findings, sheet):
        return

    data: dict[str, Any] = {}
    documents: list[dict[str, Any]] = []
    nihil: list[dict[str, Any]] = []
    realisations: list[dict[str, Any]] = []
    info_lines: dict[str, int] = {}
    count = 0
    for line, cells in iterator:
        values = [_cell_text(c) for c in cells]
        if all(v == "" for v in values):
            continue
        count += 1
        if count > max_rows:
            findings.add("table-too-many-rows", Position(line, 1), limit=max_rows)
            return
        if len(values) > len(columns) and any(v != "" for v in values[len(columns) :]):
            findings.add(
                "table-ragged-row",
                Position(line, len(columns) + 1, sheet),
                cells=len(values),
                expected=len(columns),
            )
            continue
        row = {name: (values[i], cells[i]) for i, name in enumerate(columns) if i < len(values)}

        def pos(name: str, line: int = line) -> Position:
            return Position(line, columns.index(name) + 1, sheet, name)

        section = row.get("bagian", ("", None))[0].lower()
        key = row.get("kunci", ("", None))[0]
        if section not in SECTIONS:
            findings.add(
                "table-unknown-section",
                pos("bagian"),
                "bagian",
                value=section,
                suggestion=did_you_mean(section, SECTIONS),
            )
            continue
        if section == "info":
            if key in info_lines:
                findings.add(
                    "table-duplicate-info", pos("kunci"), key, key=key, first=info_lines[key]
                )
                continue
            info_lines[key] = line
            raw_text, raw_cell = row.get("nilai", ("", None))
            if key == "periode":
                raw_text = period_text(raw_cell) or raw_text
            elif key == "tanggal":
                raw_text = date_text(raw_cell) or raw_text
            data[key] = raw_text
            doc.key_positions[(key,)] = pos("kunci")
            doc.positions[(key,)] = pos("nilai")
        elif section == "realisasi":
            index = len(realisations)
            item: dict[str, Any] = {"indikator": key}
            doc.positions[("realisasi", index)] = pos("bagian")
            doc.positions[("realisasi", index, "indikator")] = pos("kunci")
            text, cell = row.get("nilai", ("", None))
            if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                item["nilai"] = cell
            elif text != "":
                item["nilai"] = parse_number(text, indonesian=indonesian_numbers)
            doc.positions[("realisasi", index, "nilai")] = pos("nilai")
            note = row.get("catatan", ("", None))[0]
            if note:
                item["catatan"] = note
                doc.positions[("realisasi", index, "catatan")] = pos("catatan")
            _flag_stray(
                row, ("bagian", "kunci", "nilai", "catatan"), line, columns, findings, sheet
            )
            realisations.append(item)
        elif section == "nihil":
            # A requested document type that does not exist this period: kunci = jenis,
            # catatan = alasan (``dokumen_nihil`` in YAML).
            index = len(nihil)
            absent: dict[str, Any] = {"jenis": key}
            doc.positions[("dokumen_nihil", index)] = pos("bagian")
            doc.positions[("dokumen_nihil", index, "jenis")] = pos("kunci")
            reason = row.get("catatan", ("", None))[0]
            if reason:
                absent["alasan"] = reason
            doc.positions[("dokumen_nihil", index, "alasan")] = (
                pos("catatan") if "catatan" in columns else pos("kunci")
            )
            _flag_stray(row, ("bagian", "kunci", "catatan"), line, columns, findings)
            nihil.append(absent)
        else:
            index = len(documents)
            entry: dict[str, Any] = {"jenis": key}
            doc.positions[("dokumen", index)] = pos("bagian")
            doc.positions[("dokumen", index, "jenis")] = pos("kunci")
            for name in DOCUMENT_FIELDS:
                text, raw = row.get(name, ("", None))
                if name == "tanggal" and text != "":
                    text = date_text(raw) or text
                if text != "":
                    entry[name] = text
                    doc.positions[("dokumen", index, name)] = pos(name)
            _flag_stray(row, ("bagian", "kunci", *DOCUMENT_FIELDS), line, columns, findings, sheet)
            documents.append(entry)
    if documents:
        data["dokumen"] = documents
    if nihil:
        data["dokumen_nihil"] = nihil
    if realisations:
        data["realisasi"] = realisations
    doc.positions[()] = Position(header_line, 1, sheet)
    doc.data = data


def _flag_stray(
    row: dict[str, tuple[str, Cell]],
    allowed: tuple[str, ...],
    line: int,
    columns: list[str],
    findings: FindingList,
    sheet: str | None = None,
) -> None:
    """A value in a column that this kind of row does not use would be silently lost: say so."""
    for name, (text, _cell) in row.items():
        if text != "" and name not in allowed:
            findings.add(
                "table-unused-cell",
                Position(line, columns.index(name) + 1, sheet, name),
                name,
                column=name,
                section=row["bagian"][0],
            )


def _first_nonempty(
    rows: Iterable[tuple[int, Sequence[Cell]]],
) -> tuple[int, Sequence[Cell] | None]:
    for line, cells in rows:
        if any(_cell_text(c) != "" for c in cells):
            return line, cells
    return 1, None


def _check_header(
    columns: list[str], line: int, findings: FindingList, sheet: str | None = None
) -> bool:
    ok = True
    seen: set[str] = set()
    for index, name in enumerate(columns, start=1):
        if name in seen:
            findings.add("table-duplicate-column", Position(line, index, sheet), name, column=name)
            ok = False
        seen.add(name)
        if name not in COLUMNS:
            findings.add(
                "table-unknown-column",
                Position(line, index, sheet),
                name or None,
                column=name,
                suggestion=did_you_mean(name, COLUMNS),
            )
            ok = False
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            findings.add("table-missing-column", Position(line, 1, sheet), name, column=name)
            ok = False
    return ok


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    isoformat = getattr(cell, "isoformat", None)
    if isoformat is not None:
        text = str(isoformat())
        return text[:10] if text.endswith("T00:00:00") else text
    return str(cell)
